package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/callscope/callscope/internal/fakegraph"
)

// The crafted call with three PSTN legs and its crafted Direct Routing log
// (testdata/README.md): a row on each leg, the AudioCodes leg's failed, a
// row through another SBC that fits no leg, another call's row.
var (
	craftedPSTN    = filepath.Join("testdata", "crafted-aa-cq-bot-pstn.json")
	craftedDRLog   = filepath.Join("testdata", "pstn", "crafted-aa-cq-bot-pstn-dr-log.json")
	craftedPSTNID  = "7e1d2c3b-9a8f-4e6d-b5c4-a3b2c1d0e9f8"
	failedLegFound = "PSTN leg +14255550142 via AudioCodes: SIP 503 Service Unavailable, sub-reason 560503"
)

type pstnReport struct {
	Findings []struct{ Who, Text, Severity string }
	PSTN     []map[string]any `json:"pstn"`
	Status   *string          `json:"pstnStatus"`
	Note     *string          `json:"pstnNote"`
}

func jsonReport(t *testing.T, out string) pstnReport {
	t.Helper()
	var r pstnReport
	if err := json.Unmarshal([]byte(out), &r); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	return r
}

func TestReportPSTNInEveryFormat(t *testing.T) {
	args := []string{"report", "--pstn-log", craftedDRLog, craftedPSTN}
	code, txt, errs := runCLI(t, "", append(args, "--format", "text")...)
	if code != 0 {
		t.Fatalf("exit %d %s", code, errs)
	}
	for _, s := range []string{
		"  problem  " + failedLegFound + "\n", // among the call's findings
		"\nPSTN and Direct Routing logs\n",
		"  ✗ " + failedLegFound + " [problem]\n    Direct Routing row on .sessions[1].segments[0], matched by correlationId, number and time\n",
		"Trunk sbc2.contoso.com",
		"Rows about this call that fit no PSTN leg (1)\n    2026-07-14 09:15:00 UTC DR +14255550142 → +14255550100 ✗ 408 Request Timeout: its trunk sbc9.contoso.com is not the SBC",
	} {
		if !strings.Contains(txt, s) {
			t.Errorf("text report lacks %q:\n%s", s, txt)
		}
	}
	if strings.Contains(txt, "Bob Ngata") || strings.Contains(txt, "+14255550777") {
		t.Errorf("another call's row is in the report")
	}
	if strings.Index(txt, "\nFailures") > strings.Index(txt, "\nPSTN and Direct Routing logs") {
		t.Errorf("the logs come after the failures, beside the legs")
	}

	_, md, _ := runCLI(t, "", append(args, "--format", "markdown")...)
	for _, s := range []string{
		"- **problem** " + failedLegFound + "\n",
		"\n#### PSTN and Direct Routing logs\n\n",
		"- **problem** ✗ PSTN leg +14255550142 via AudioCodes: SIP 503 Service Unavailable, sub-reason 560503 (Direct Routing row on .sessions\\[1\\].segments\\[0\\], matched by correlationId, number and time)\n  - Final SIP code: 503 Service Unavailable · Sub-reason: 560503",
		"**Rows about this call that fit no PSTN leg (1)**",
		"| 2026-07-14 09:15:00 UTC | DR |",
	} {
		if !strings.Contains(md, s) {
			t.Errorf("markdown report lacks %q:\n%s", s, md)
		}
	}

	_, js, _ := runCLI(t, "", append(args, "--format", "json")...)
	rep := jsonReport(t, js)
	type row struct {
		id, path string
		matched  bool
		code     float64
		sev      string
	}
	var got []row
	for _, r := range rep.PSTN {
		p, _ := r["path"].(string)
		code, _ := r["finalSipCode"].(float64)
		got = append(got, row{r["id"].(string)[33:], p, r["matched"].(bool), code, r["severity"].(string)})
	}
	want := []row{
		{"001", ".sessions[0].segments[0]", true, 0, "info"},
		{"002", ".sessions[1].segments[0]", true, 503, "problem"},
		{"003", ".sessions[2].segments[0]", true, 0, "info"},
		{"004", "", false, 408, "problem"},
	}
	if len(got) != len(want) {
		t.Fatalf("pstn rows %+v", got)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("row %d: %+v, want %+v", i, got[i], want[i])
		}
	}
	r := rep.PSTN[1]
	if r["@odata.type"] != "#microsoft.graph.callRecords.directRoutingLogRow" || r["trunkFullyQualifiedDomainName"] != "sbc2.contoso.com" ||
		r["callEndSubReason"] != 560503.0 || r["leg"] != "PSTN leg +14255550142 via AudioCodes" || r["matchedBy"] != "correlationId, number and time" {
		t.Errorf("row under Graph's names: %v", r)
	}
	if rep.PSTN[3]["path"] != nil || !strings.Contains(rep.PSTN[3]["why"].(string), "sbc9.contoso.com") {
		t.Errorf("unmatched row: %v", rep.PSTN[3])
	}
	if rep.Status == nil || *rep.Status != "matched" || rep.Note != nil {
		t.Errorf("status %v note %v", rep.Status, rep.Note)
	}
	found := false
	for _, f := range rep.Findings {
		found = found || f.Who+": "+f.Text == failedLegFound && f.Severity == "problem"
	}
	if !found {
		t.Errorf("findings %+v", rep.Findings)
	}
}

// A call with PSTN legs says why it has no rows; a call without says
// nothing of the logs.
func TestReportPSTNWithoutRows(t *testing.T) {
	_, js, _ := runCLI(t, "", "report", "--format", "json", craftedPSTN)
	if rep := jsonReport(t, js); rep.Status == nil || *rep.Status != "not fetched" || rep.Note == nil || !strings.Contains(*rep.Note, "--pstn-log") || len(rep.PSTN) != 0 {
		t.Errorf("not fetched: %+v", rep)
	}
	_, md, _ := runCLI(t, "", "report", "--format", "markdown", craftedPSTN)
	if !strings.Contains(md, "**not fetched**: the call has PSTN legs, and no PSTN or Direct Routing log was fetched or given") {
		t.Errorf("markdown:\n%s", md)
	}
	other := filepath.Join("testdata", "graph", "getpstncalls-v1.json") // no row of this call
	_, txt, _ := runCLI(t, "", "report", "--pstn-log", other, craftedPSTN)
	if !strings.Contains(txt, "  not found: no PSTN or Direct Routing log row for this call in the logs given\n") {
		t.Errorf("not found:\n%s", txt)
	}
	sample := filepath.Join("testdata", "graph", "callrecord-get-expand-sessions-v1.json")
	_, txt, _ = runCLI(t, "", "report", sample)
	_, js, _ = runCLI(t, "", "report", "--format", "json", sample)
	if strings.Contains(txt, "PSTN and Direct Routing") || jsonReport(t, js).Status != nil {
		t.Errorf("a call without PSTN legs: %s\n%s", txt, js)
	}
}

// `--id` against the fake Graph: the rows of the call's window are
// fetched, matched and saved with the record, which reopens as it was in
// every format; a 403 says the logs were not permitted.
func TestFetchByIDSavesRowsFakeGraph(t *testing.T) {
	fg := fakeGraphWithCraftedCall(t)
	saved := filepath.Join(t.TempDir(), "call.json")
	for i, format := range []string{"json", "text", "markdown"} {
		args := []string{"report", "--format", format, "--id", craftedPSTNID}
		if i == 0 {
			args = append(args, "--save", saved)
		}
		code, live, errs := runCLI(t, "", args...)
		if code != 0 {
			t.Fatalf("exit %d %s", code, errs)
		}
		if !strings.Contains(live, "SIP 503 Service Unavailable, sub-reason 560503") {
			t.Errorf("%s: the failed leg's row:\n%s", format, live)
		}
		_, again, _ := runCLI(t, "", "report", "--format", format, saved)
		if again != live {
			t.Errorf("%s: the saved file reopens otherwise:\n%s\nlive:\n%s", format, again, live)
		}
	}
	if st, err := os.Stat(saved); err != nil || st.Mode().Perm() != 0o600 {
		t.Errorf("saved %v %v", st, err)
	}
	b, err := os.ReadFile(saved)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(b), `"callscope.pstn"`) || strings.Contains(string(b), "Bob Ngata") {
		t.Errorf("the saved record holds the call's rows, and only those")
	}

	fg.SetOptions(func(o *fakegraph.Options) {
		o.ForbidLogs = []string{fakegraph.PSTNCalls, fakegraph.DirectRoutingCalls}
	})
	code, js, errs := runCLI(t, "", "report", "--format", "json", "--id", craftedPSTNID)
	if code != 0 {
		t.Fatalf("the record comes whatever the logs do: exit %d %s", code, errs)
	}
	if rep := jsonReport(t, js); rep.Status == nil || *rep.Status != "not permitted" || !strings.Contains(*rep.Note, "CallRecord-PstnCalls.Read.All or CallRecords.Read.All") {
		t.Errorf("forbidden: %+v", rep)
	}
}

// A saved log opens in `report` as a table of its rows, in every format,
// and in the explorer (cmd_pstn_pick_test.go).
func TestReportOpensLogFiles(t *testing.T) {
	for file, want := range map[string]string{
		"getpstncalls-v1.json":                        "Calling Plan log",
		"getdirectroutingcalls-v1.json":               "Direct Routing log",
		"beta-getsmslog.json":                         "SMS log",
		"beta-getpstnonlinemeetingdialoutreport.json": "PSTN dial-out report",
		"beta-getdirectroutingcalls.json":             "Direct Routing log",
	} {
		path := filepath.Join("testdata", "graph", file)
		code, txt, errs := runCLI(t, "", "report", path)
		if code != 0 || !strings.HasPrefix(txt, want+" "+path+" (1 row)\n\nTIME ") || !strings.Contains(txt, "! the file holds only the first page(s)") {
			t.Errorf("%s: exit %d %s\n%s", file, code, errs, txt)
		}
		code, md, _ := runCLI(t, "", "report", "--format", "markdown", path)
		if code != 0 || !strings.HasPrefix(md, "### "+want) || !strings.Contains(md, "| TIME | KIND | USER |") {
			t.Errorf("%s markdown:\n%s", file, md)
		}
		code, js, errs := runCLI(t, "", "report", "--format", "json", path)
		var row map[string]any
		if err := json.Unmarshal([]byte(js), &row); code != 0 || err != nil || row["@odata.type"] == nil || !strings.Contains(errs, "@odata.nextLink") {
			t.Errorf("%s json: exit %d %v %q\n%s", file, code, err, errs, js)
		}
	}
	// Standard input, and this command's own JSON lines.
	b, err := os.ReadFile(craftedDRLog)
	if err != nil {
		t.Fatal(err)
	}
	code, txt, _ := runCLI(t, string(b), "report", "-")
	if code != 0 || !strings.HasPrefix(txt, "Direct Routing log - (5 rows)") || !strings.Contains(txt, "✗ 503 Service Unavailable") {
		t.Errorf("stdin: exit %d\n%s", code, txt)
	}
	_, lines, _ := runCLI(t, "", "pstn", "--format", "json", craftedDRLog)
	if code, txt, _ := runCLI(t, lines, "report", "-"); code != 0 || !strings.HasPrefix(txt, "Direct Routing log - (5 rows)") {
		t.Errorf("JSON lines: exit %d\n%s", code, txt)
	}
	if code, _, errs := runCLI(t, "", "report", "--pstn-log", craftedDRLog, craftedDRLog); code != 2 || !strings.Contains(errs, "goes with a call record") {
		t.Errorf("--pstn-log with a log: exit %d %s", code, errs)
	}
	// The explorer, not on a terminal, prints it as report does.
	_, rep, _ := runCLI(t, "", "report", craftedDRLog)
	if code, out, errs := runCLI(t, "", craftedDRLog); code != 0 || out != rep {
		t.Errorf("the explorer: exit %d %s\n%s", code, errs, out)
	}
}
