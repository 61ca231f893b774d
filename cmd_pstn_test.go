package main

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/callscope/callscope/pstn"
	"github.com/callscope/callscope/samples"
)

// The demo call's PSTN leg: +14255550123 through sbc1.contoso.com, from
// 14:06:41 to 14:31:01 on 2026-02-17.
const (
	demoFailedRow = `{"id":"dr-1","correlationId":"b3f0c6a2-7d41-4e9b-8c15-2f6e9a4d7b38","userId":"u1","userPrincipalName":"alice@contoso.com","userDisplayName":"Alice Okafor",` +
		`"startDateTime":"2026-02-17T14:06:42Z","inviteDateTime":"2026-02-17T14:06:40Z","failureDateTime":"2026-02-17T14:31:02Z","endDateTime":null,"duration":1460,` +
		`"callType":"ByotOut","successfulCall":false,"callerNumber":"+14255550100","calleeNumber":"+14255550123","mediaPathLocation":"USWE","signalingLocation":"EUNO",` +
		`"finalSipCode":503,"callEndSubReason":560503,"finalSipCodePhrase":"Service Unavailable","trunkFullyQualifiedDomainName":"sbc1.contoso.com","mediaBypassEnabled":false}`
	otherDRRow = `{"id":"dr-2","correlationId":"11111111-1111-4111-8111-111111111111","userId":"u9","userDisplayName":"Bob","startDateTime":"2026-02-17T09:00:00Z",` +
		`"endDateTime":"2026-02-17T09:05:00Z","duration":300,"callType":"ByotIn","successfulCall":true,"callerNumber":"+14255550900","calleeNumber":"+14255550901",` +
		`"finalSipCode":0,"finalSipCodePhrase":"BYE","callEndSubReason":540000,"trunkFullyQualifiedDomainName":"sbc2.contoso.com"}`
	cpLogRow = `{"id":"cp-1","callId":"x@203.0.113.1","userId":"u9","userDisplayName":"Bob","startDateTime":"2026-02-17T10:00:00Z","endDateTime":"2026-02-17T10:03:39Z",` +
		`"duration":219,"charge":0.0,"callType":"user_in","currency":"USD","callerNumber":"+14255550700","calleeNumber":"+14255550901","destinationName":"United States"}`
)

// logGraph serves the demo record (one response, and its participants) and
// both log functions, one row a page; forbid names a function that answers
// 403. Every request is recorded.
type logGraph struct {
	srv    *httptest.Server
	rows   map[string][]string
	forbid string
	mu     sync.Mutex
	reqs   []string
}

var logFn = regexp.MustCompile(`/callRecords/(getPstnCalls|getDirectRoutingCalls)\(fromDateTime=([^,]+),toDateTime=([^)]+)\)$`)

func newLogGraph(t *testing.T) *logGraph {
	t.Helper()
	var demo map[string]json.RawMessage
	if err := json.Unmarshal(samples.Demo, &demo); err != nil {
		t.Fatal(err)
	}
	g := &logGraph{rows: map[string][]string{
		"getDirectRoutingCalls": {otherDRRow, demoFailedRow},
		"getPstnCalls":          {cpLogRow},
	}}
	g.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		g.mu.Lock()
		g.reqs = append(g.reqs, r.URL.RequestURI())
		g.mu.Unlock()
		w.Header().Set("Content-Type", "application/json")
		if r.Header.Get("Authorization") != "Bearer "+testToken {
			w.WriteHeader(401)
			return
		}
		switch m := logFn.FindStringSubmatch(r.URL.Path); {
		case m != nil && m[1] == g.forbid:
			w.WriteHeader(403)
			fmt.Fprint(w, `{"error":{"code":"Forbidden","message":"Missing role permissions on the request."}}`)
		case m != nil:
			from, _ := time.Parse(time.RFC3339, m[2])
			to, _ := time.Parse(time.RFC3339, m[3])
			if m[1] == "getPstnCalls" && to.Sub(from) > 90*24*time.Hour {
				w.WriteHeader(400)
				fmt.Fprint(w, `{"error":{"code":"BadRequest","message":"more than 90 days"}}`)
				return
			}
			var in []string
			for _, row := range g.rows[m[1]] {
				var v struct{ StartDateTime time.Time }
				json.Unmarshal([]byte(row), &v)
				if !v.StartDateTime.Before(from) && v.StartDateTime.Before(to) {
					in = append(in, row)
				}
			}
			skip, _ := strconv.Atoi(r.URL.Query().Get("$skip"))
			body := `{"@odata.context":"ctx","value":[`
			if skip < len(in) {
				body += in[skip]
			}
			body += "]"
			if skip+1 < len(in) {
				body += fmt.Sprintf(`,"@odata.nextLink":%q`, g.srv.URL+r.URL.Path+"?$skip="+strconv.Itoa(skip+1))
			}
			fmt.Fprint(w, body+"}")
		case strings.HasSuffix(r.URL.Path, "/participants_v2"):
			fmt.Fprintf(w, `{"value":%s}`, demo["participants_v2"])
		case strings.HasSuffix(r.URL.Path, "/callRecords/"+demoID):
			json.NewEncoder(w).Encode(demo)
		default:
			w.WriteHeader(404)
			fmt.Fprint(w, `{"error":{"code":"NotFound","message":"Not found."}}`)
		}
	}))
	t.Cleanup(g.srv.Close)
	t.Setenv("CALLSCOPE_GRAPH_URL", g.srv.URL)
	t.Setenv("CALLSCOPE_ACCESS_TOKEN", testToken)
	return g
}

func (g *logGraph) requests() []string {
	g.mu.Lock()
	defer g.mu.Unlock()
	return slices.Clone(g.reqs)
}

func TestPSTNCommandFetchesBothLogsMerged(t *testing.T) {
	g := newLogGraph(t)
	code, out, errs := runCLI(t, "", "pstn", "--from", "2026-02-17", "--to", "2026-02-18", "--format", "json")
	if code != 0 {
		t.Fatalf("exit %d %s", code, errs)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	var ids []string
	for _, l := range lines {
		var m map[string]any
		if err := json.Unmarshal([]byte(l), &m); err != nil {
			t.Fatalf("%v: %s", err, l)
		}
		ids = append(ids, fmt.Sprint(m["id"], " ", m["@odata.type"]))
	}
	want := []string{
		"dr-2 #microsoft.graph.callRecords.directRoutingLogRow",
		"cp-1 #microsoft.graph.callRecords.pstnCallLogRow",
		"dr-1 #microsoft.graph.callRecords.directRoutingLogRow",
	}
	if !slices.Equal(ids, want) {
		t.Errorf("rows by time\n got %q\nwant %q", ids, want)
	}
	// Both pages of the Direct Routing log were fetched.
	if n := len(g.requests()); n != 3 {
		t.Errorf("requests %q", g.requests())
	}

	code, out, _ = runCLI(t, "", "pstn", "--from", "2026-02-17", "--to", "2026-02-18", "--failed")
	if code != 0 || !strings.HasPrefix(out, "TIME") || strings.Count(out, "\n") != 2 ||
		!strings.Contains(out, "✗ 503 Service Unavailable") || !strings.Contains(out, "+14255550100 → +14255550123") || !strings.Contains(out, "sbc1.contoso.com") {
		t.Errorf("--failed table:\n%s", out)
	}
	n := len(g.requests())
	code, out, _ = runCLI(t, "", "pstn", "--from", "2026-02-17", "--to", "2026-02-18", "--kind", "calling-plan")
	if code != 0 || strings.Count(out, "\n") != 2 || !strings.Contains(out, "inbound") || len(g.requests()) != n+1 {
		t.Errorf("--kind calling-plan asks one log:\n%s", out)
	}
	code, out, _ = runCLI(t, "", "pstn", "--from", "2026-03-01", "--to", "2026-03-02")
	if code != 0 || out != "no PSTN or Direct Routing calls between 2026-03-01 00:00:00 UTC and 2026-03-02 00:00:00 UTC\n" {
		t.Errorf("empty: %q", out)
	}
}

func TestPSTNCommandSplitsLongRanges(t *testing.T) {
	g := newLogGraph(t)
	code, _, errs := runCLI(t, "", "pstn", "--from", "2026-01-01", "--to", "2026-07-01")
	if code != 0 {
		t.Fatalf("exit %d %s", code, errs)
	}
	var pstnReqs []string
	for _, r := range g.requests() {
		if strings.Contains(r, "getPstnCalls") {
			pstnReqs = append(pstnReqs, r)
		}
	}
	if len(pstnReqs) != 3 {
		t.Errorf("181 days in parts of 90: %q", pstnReqs)
	}
}

func TestPSTNCommandForbidden(t *testing.T) {
	g := newLogGraph(t)
	g.forbid = "getPstnCalls"
	code, out, errs := runCLI(t, "", "pstn", "--from", "2026-02-17", "--to", "2026-02-18")
	if code != 1 || !strings.Contains(out, "sbc1.contoso.com") {
		t.Errorf("the Direct Routing rows still come: exit %d\n%s", code, out)
	}
	if !strings.Contains(errs, "CallRecord-PstnCalls.Read.All") || !strings.Contains(errs, "getPstnCalls") || strings.Count(errs, "\n") != 1 || strings.Contains(errs, testToken) {
		t.Errorf("stderr %q", errs)
	}
	g.forbid = "getDirectRoutingCalls"
	code, out, errs = runCLI(t, "", "pstn", "--from", "2026-02-17", "--to", "2026-02-18", "--kind", "direct-routing")
	if code != 1 || out != "" || !strings.Contains(errs, "CallRecord-PstnCalls.Read.All") {
		t.Errorf("exit %d out %q err %q", code, out, errs)
	}
}

func TestPSTNCommandReadsFiles(t *testing.T) {
	dir := filepath.Join("testdata", "graph")
	code, out, errs := runCLI(t, "", "pstn", filepath.Join(dir, "getdirectroutingcalls-v1.json"), filepath.Join(dir, "beta-getsmslog.json"), filepath.Join(dir, "getpstncalls-v1.json"))
	if code != 0 {
		t.Fatalf("exit %d %s", code, errs)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 4 || !strings.Contains(lines[1], "2019-11-01 00:00:08 UTC  CP") || !strings.Contains(lines[2], "DR") || !strings.Contains(lines[3], "SMS") {
		t.Errorf("table:\n%s", out)
	}
	if strings.Count(errs, "still has an @odata.nextLink") != 3 {
		t.Errorf("each sample is a first page, and says so: %q", errs)
	}
	code, out, _ = runCLI(t, "", "pstn", "--kind", "sms", filepath.Join(dir, "beta-getsmslog.json"), filepath.Join(dir, "getpstncalls-v1.json"))
	if code != 0 || strings.Count(out, "\n") != 2 || !strings.Contains(out, "sms_in") {
		t.Errorf("--kind sms:\n%s", out)
	}
	code, _, errs = runCLI(t, "", "pstn", filepath.Join(dir, "getpstnblockeduserslog-beta.json"))
	if code != 1 || !strings.Contains(errs, "getpstnblockeduserslog-beta.json:15:9: invalid JSON") {
		t.Errorf("exit %d %q", code, errs)
	}
	// Its own JSON lines read back as they were.
	code, lines1, _ := runCLI(t, "", "pstn", "--format", "json", filepath.Join(dir, "getdirectroutingcalls-v1.json"), filepath.Join(dir, "getpstncalls-v1.json"))
	tmp := filepath.Join(t.TempDir(), "rows.jsonl")
	if err := os.WriteFile(tmp, []byte(lines1), 0o600); err != nil {
		t.Fatal(err)
	}
	if code2, lines2, errs := runCLI(t, "", "pstn", "--format", "json", tmp); code != 0 || code2 != 0 || lines2 != lines1 {
		t.Errorf("round trip: %d %d %q\n%s\n%s", code, code2, errs, lines1, lines2)
	}
}

func TestPSTNCommandUsage(t *testing.T) {
	for _, args := range [][]string{
		{"pstn", "--kind", "fax"},
		{"pstn", "--kind", "sms"},
		{"pstn", "--format", "csv"},
		{"pstn", "--since", "1h", "--from", "2026-01-01"},
	} {
		if code, _, errs := runCLI(t, "", args...); code != 2 {
			t.Errorf("%v: exit %d %q, want a usage error", args, code, errs)
		}
	}
	code, out, _ := runCLI(t, "", "pstn", "-h")
	if code != 0 || !strings.Contains(out, "CallRecord-PstnCalls.Read.All") || !strings.Contains(out, "-failed") {
		t.Errorf("help:\n%s", out)
	}
}

// A call fetched by --id with a PSTN leg brings its log rows: the report
// shows them on the leg; the saved file holds them and reopens the same;
// --pstn-log gives the same rows from a file.
func TestFetchByIDMatchesLogRows(t *testing.T) {
	g := newLogGraph(t)
	saved := filepath.Join(t.TempDir(), "call.json")
	code, live, errs := runCLI(t, "", "report", "--id", demoID, "--save", saved)
	if code != 0 {
		t.Fatalf("exit %d %s", code, errs)
	}
	var logReqs []string
	for _, r := range g.requests() {
		if strings.Contains(r, "getPstnCalls") || strings.Contains(r, "getDirectRoutingCalls") {
			logReqs = append(logReqs, r)
		}
	}
	want := []string{
		"/v1.0/communications/callRecords/getDirectRoutingCalls(fromDateTime=2026-02-17T13:55:02Z,toDateTime=2026-02-17T14:40:16Z)",
		"/v1.0/communications/callRecords/getPstnCalls(fromDateTime=2026-02-17T13:55:02Z,toDateTime=2026-02-17T14:40:16Z)",
	}
	if !slices.Equal(logReqs, want) {
		t.Errorf("the window's logs\n got %q\nwant %q", logReqs, want)
	}
	for _, s := range []string{
		"PSTN and Direct Routing logs",
		"✗ PSTN leg +14255550123 via sbc1.contoso.com: SIP 503 Service Unavailable, sub-reason 560503 [problem]",
		"Direct Routing row on .sessions[5].segments[1], matched by correlationId, number, trunk and time",
		"Media bypass no",
		"Signalling location EUNO",
	} {
		if !strings.Contains(live, s) {
			t.Errorf("report lacks %q:\n%s", s, live)
		}
	}
	b, err := os.ReadFile(saved)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(b), `"callscope.pstn"`) || strings.Contains(string(b), "dr-2") {
		t.Errorf("the saved record holds the call's rows, and only those")
	}
	if _, again, _ := runCLI(t, "", "report", saved); again != live {
		t.Errorf("reopened:\n%s\nlive:\n%s", again, live)
	}
	// The same rows from a file, for the demo file.
	logFile := filepath.Join(t.TempDir(), "dr.json")
	if err := os.WriteFile(logFile, []byte(`{"value":[`+otherDRRow+`,`+demoFailedRow+`]}`), 0o600); err != nil {
		t.Fatal(err)
	}
	code, fromFile, errs := runCLI(t, "", "report", "--pstn-log", logFile)
	if code != 0 || !strings.Contains(fromFile, "PSTN leg +14255550123 via sbc1.contoso.com: SIP 503 Service Unavailable, sub-reason 560503") {
		t.Errorf("--pstn-log: exit %d %s\n%s", code, errs, fromFile)
	}
	// Without logs the report says they were not fetched.
	_, plain, _ := runCLI(t, "", "report")
	if !strings.Contains(plain, "PSTN and Direct Routing logs\n  not fetched: the call has PSTN legs, and no PSTN or Direct Routing log was fetched or given") {
		t.Errorf("no logs:\n%s", plain)
	}
}

func TestFetchByIDLogsForbidden(t *testing.T) {
	g := newLogGraph(t)
	g.forbid = "getDirectRoutingCalls"
	code, out, errs := runCLI(t, "", "report", "--id", demoID)
	if code != 0 {
		t.Fatalf("the record comes whatever the logs do: exit %d %s", code, errs)
	}
	if !strings.Contains(out, "Graph refused getDirectRoutingCalls (403): the app needs the application permission CallRecord-PstnCalls.Read.All or CallRecords.Read.All") {
		t.Errorf("report:\n%s", out)
	}
}

// The README's SIP severity table is the rules the code applies.
func TestREADMESIPTable(t *testing.T) {
	b, err := os.ReadFile("README.md")
	if err != nil {
		t.Fatal(err)
	}
	if table := pstn.SIPTable(); !strings.Contains(string(b), table) {
		t.Errorf("README.md does not hold the SIP severity table; paste this under \"PSTN and Direct Routing logs\":\n%s", table)
	}
}
