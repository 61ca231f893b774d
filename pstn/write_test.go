package pstn

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
)

func TestMergeByTime(t *testing.T) {
	dr, _ := ParseAs("dr", []byte(`[`+drRow("b", "c", "09:05:00", "+1", "+2", "sbc", true, 200, "OK", 0)+`,`+
		drRow("d", "c", "09:20:00", "+1", "+2", "sbc", true, 200, "OK", 0)+`]`), DirectRouting)
	cp, _ := ParseAs("cp", []byte(`[`+cpRow("a", "09:00:00", "09:01:00", "user_in", "+1", "+2")+`,`+
		cpRow("c", "09:10:00", "09:11:00", "user_in", "+1", "+2")+`]`), CallingPlan)
	di, _ := ParseAs("di", []byte(`[{"userId":"u","totalCalls":2}]`), Dialout)
	var got []string
	for _, r := range Merge(di.Rows, dr.Rows, cp.Rows) {
		got = append(got, r.ID()+r.Kind.Short())
	}
	if strings.Join(got, " ") != "aCP bDR cCP dDR DIAL" {
		t.Errorf("merged %q", got)
	}
}

func TestWriteTable(t *testing.T) {
	rows := []*Row{
		mustRow(t, drRow("r1", "c", "09:05:00", "+14255550100", "+14255550111", "sbc1.contoso.com", false, 503, "Service Unavailable", 560503), DirectRouting),
		mustRow(t, cpRow("p1", "09:00:00", "09:03:39", "user_in", "+14255550100", "+14255550111"), CallingPlan),
	}
	var b bytes.Buffer
	if err := WriteTable(&b, Merge(rows)); err != nil {
		t.Fatal(err)
	}
	want := `TIME                     KIND  USER          FROM → TO                    DURATION  RESULT                     TRUNK
2026-07-14 09:00:00 UTC  CP    Alice Okafor  +14255550100 → +14255550111  3m 39s    inbound                    —
2026-07-14 09:05:00 UTC  DR    Alice Okafor  +14255550100 → +14255550111  0s        ✗ 503 Service Unavailable  sbc1.contoso.com
`
	if b.String() != want {
		t.Errorf("table\n%s\nwant\n%s", b.String(), want)
	}
}

func mustRow(t *testing.T, js string, k Kind) *Row {
	t.Helper()
	log, err := ParseAs("x", []byte(js), k)
	if err != nil {
		t.Fatal(err)
	}
	return log.Rows[0]
}

// Record text reaches no terminal raw: escape sequences, control
// characters and bidirectional overrides go, in the table and in JSON.
func TestWriteCleansRecordText(t *testing.T) {
	hostile := "\x1b]52;c;aGk=\x07Eve\u202e\x1b[2J\tName\x00"
	js := `{"id":"r","userDisplayName":` + jsonQuote(hostile) + `,"callerNumber":"+1\u001b[31m","finalSipCode":503,"finalSipCodePhrase":` + jsonQuote(hostile) +
		`,"trunkFullyQualifiedDomainName":"sbc\r\n.contoso.com","administrativeUnitInfos":[{"id":` + jsonQuote(hostile) + `}],` + jsonQuote("\x1bkey") + `:1}`
	r := mustRow(t, js, DirectRouting)
	var table, lines bytes.Buffer
	if err := WriteTable(&table, []*Row{r}); err != nil {
		t.Fatal(err)
	}
	if err := WriteJSON(&lines, []*Row{r}); err != nil {
		t.Fatal(err)
	}
	for name, out := range map[string]string{"table": table.String(), "json": lines.String()} {
		if strings.ContainsAny(out, "\x1b\x00\x07\u202e\r\t") {
			t.Errorf("%s holds raw control characters: %q", name, out)
		}
	}
	var m map[string]any
	if err := json.Unmarshal(lines.Bytes(), &m); err != nil {
		t.Fatalf("json: %v\n%s", err, lines.String())
	}
	if m["@odata.type"] != "#microsoft.graph.callRecords.directRoutingLogRow" || m["finalSipCode"] != float64(503) {
		t.Errorf("%v", m)
	}
	if !strings.Contains(m["userDisplayName"].(string), "Eve") {
		t.Errorf("the text itself is kept: %q", m["userDisplayName"])
	}
}

func jsonQuote(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

// Every field comes out under Graph's name, in Graph's order, with its
// value: the JSON lines hold what the log held.
func TestWriteJSONKeepsEveryField(t *testing.T) {
	b := sample(t, "beta-getdirectroutingcalls.json")
	log, err := ParseAs("dr", b, DirectRouting)
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	WriteJSON(&out, log.Rows)
	var got, want map[string]any
	json.Unmarshal(out.Bytes(), &got)
	json.Unmarshal([]byte(log.Rows[0].Raw), &want)
	delete(got, "@odata.type")
	if len(got) != len(want) {
		t.Fatalf("%d fields, want %d", len(got), len(want))
	}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("%s: %v, want %v", k, got[k], v)
		}
	}
	if !strings.HasPrefix(out.String(), `{"@odata.type":"#microsoft.graph.callRecords.directRoutingLogRow","id":"9e8bba57-dc14-533a-a7dd-f0da6575eed1","correlationId":`) {
		t.Errorf("order: %.160s", out.String())
	}
}
