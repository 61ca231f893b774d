package pstn

import (
	"context"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/tidwall/gjson"

	"github.com/callscope/callscope/data"
	"github.com/callscope/callscope/generate"
	"github.com/callscope/callscope/load"
)

// oneRowLogs answers the crafted call's Direct Routing row, and no
// Calling Plan rows.
func oneRowLogs() *fakeLogs {
	return &fakeLogs{bodies: map[string]string{
		"getDirectRoutingCalls": `{"value":[` + drRow("mine", "c1", "09:00:02", "+14255550100", "+14255550111", "sbc1.contoso.com", false, 503, "Service Unavailable", 560503) + `]}`,
		"getPstnCalls":          `{"value":[]}`,
	}}
}

// countLegs counts the calls of Legs until the test ends.
func countLegs(t *testing.T) *int {
	t.Helper()
	n := new(int)
	legsHook = func() { *n++ }
	t.Cleanup(func() { legsHook = nil })
	return n
}

// A fetch finds the record's legs once: to know it has some, and to match
// each log's rows to them.
func TestAddToRecordFindsLegsOnce(t *testing.T) {
	raw := []byte(pstnCall())
	_, r := loadCall(t, string(raw))
	legs := countLegs(t)
	if _, fetched, err := AddToRecord(context.Background(), oneRowLogs(), r, raw); err != nil || !fetched {
		t.Fatalf("fetched %v, %v", fetched, err)
	}
	if *legs != 1 {
		t.Errorf("the legs were found %d times, want once", *legs)
	}
}

// sameFile fails unless a and b hold the same, field by field, Names
// built on both (the fetch builds the record's to find its legs).
func sameFile(t *testing.T, a, b *data.File) {
	t.Helper()
	for _, f := range []*data.File{a, b} {
		for _, r := range f.Records {
			r.Names()
		}
	}
	if !reflect.DeepEqual(a, b) {
		t.Errorf("the file differs from the bytes loaded again:\n%+v\n%+v", a, b)
	}
}

// AddToFile gives the loaded file the bytes with the rows, with no second
// parse (the same file comes back), and the file is what loading those
// bytes gives: the same rows, matches and findings.
func TestAddToFileWithoutParsingAgain(t *testing.T) {
	raw := []byte("\n  " + pstnCall() + " \n")
	f, _ := loadCall(t, string(raw))
	legs := countLegs(t)
	got, out, err := AddToFile(context.Background(), oneRowLogs(), f, raw)
	if err != nil {
		t.Fatal(err)
	}
	if got != f {
		t.Error("the file was loaded again")
	}
	if *legs != 1 {
		t.Errorf("the legs were found %d times, want once", *legs)
	}
	if got.Raw != strings.TrimLeft(string(out), "\n") || !strings.Contains(got.Records[0].Raw, `"callscope.pstn"`) || got.Size != len(out) {
		t.Errorf("the file does not hold the bytes with the rows: size %d of %d\n%s", got.Size, len(out), got.Raw)
	}
	again, err := load.Load("test.json", out)
	if err != nil {
		t.Fatal(err)
	}
	sameFile(t, got, again)
	c := ForFile(got, nil)[0]
	if len(c.Matches) != 1 || c.Matches[0].Row.ID() != "mine" || c.Status != Matched {
		t.Errorf("matches %+v, status %v", c.Matches, c.Status)
	}
}

// A call without PSTN legs is left as it was, with no request; a file that
// is not one bare record (never what Graph sends) is loaded again, as the
// rows then stand outside the record's own JSON.
func TestAddToFileOtherwise(t *testing.T) {
	alice := user("u-alice", "Alice Okafor")
	raw := []byte(record("c", "09:00:00", "09:10:00", session("09:00:00", "09:10:00", alice, user("u-bob", "Bob"))))
	f, _ := loadCall(t, string(raw))
	fetch := &fakeLogs{}
	got, out, err := AddToFile(context.Background(), fetch, f, raw)
	if err != nil || got != f || string(out) != string(raw) || len(fetch.asked) != 0 {
		t.Errorf("no legs: same file %v, asked %q, err %v", got == f, fetch.asked, err)
	}

	raw = []byte(`{"value":[` + pstnCall() + `]}`)
	f, _ = loadCall(t, string(raw))
	got, out, err = AddToFile(context.Background(), oneRowLogs(), f, raw)
	if err != nil || got == f {
		t.Fatalf("wrapped: same file %v, err %v", got == f, err)
	}
	again, err := load.Load("test.json", out)
	if err != nil {
		t.Fatal(err)
	}
	sameFile(t, got, again)
}

// BenchmarkLoadWithLogs is what a fetch does with the bytes of a generated
// 7,500-session meeting (PSTN legs through gateways) once Graph has sent
// them: load, find the legs, fetch both logs (a Direct Routing row of the
// call), add the rows. Run it short:
//
//	go test ./pstn -run '^$' -bench LoadWithLogs -benchtime 3x -count 5
func BenchmarkLoadWithLogs(b *testing.B) {
	var rec strings.Builder
	if err := generate.Record(&rec, generate.Options{Sessions: 7500, Seed: 1}); err != nil {
		b.Fatal(err)
	}
	raw := []byte(rec.String())
	id := gjson.GetBytes(raw, "id").String()
	start := gjson.GetBytes(raw, "startDateTime").Time().Add(time.Minute).Format(time.RFC3339)
	row := `{"id":"dr-1","correlationId":"` + id + `","userId":"u1","startDateTime":"` + start + `","callType":"ByotIn","successfulCall":true,` +
		`"callerNumber":"+14255550100","calleeNumber":"+14255550123","finalSipCode":0,"finalSipCodePhrase":"BYE","trunkFullyQualifiedDomainName":"sbc1.contoso.com"}`
	logs := &fakeLogs{bodies: map[string]string{"getDirectRoutingCalls": `{"value":[` + row + `]}`, "getPstnCalls": `{"value":[]}`}}
	b.ReportAllocs()
	for b.Loop() {
		f, err := load.Load("big.json", raw)
		if err != nil {
			b.Fatal(err)
		}
		if f, _, err = AddToFile(context.Background(), logs, f, raw); err != nil {
			b.Fatal(err)
		}
		if len(Embedded(f.Records[0])) != 2 {
			b.Fatal("no rows added")
		}
	}
}
