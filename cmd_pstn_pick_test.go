package main

import (
	"context"
	"io"
	"net/http/httptest"
	"os"
	"strings"
	"testing"

	"github.com/charmbracelet/colorprofile"

	"github.com/callscope/callscope/data"
	"github.com/callscope/callscope/internal/fakegraph"
	"github.com/callscope/callscope/load"
	"github.com/callscope/callscope/pstn"
	"github.com/callscope/callscope/ui"
)

// fakeGraphWithCraftedCall serves the crafted call and its Direct Routing
// log, in process, for the commands run in the test (through the
// environment), and returns it to change its options.
func fakeGraphWithCraftedCall(t *testing.T) *fakegraph.Server {
	t.Helper()
	fg := fakegraph.New(fakegraph.Options{Token: testToken, LogRowsPerPage: 2})
	rec, err := os.ReadFile(craftedPSTN)
	if err != nil {
		t.Fatal(err)
	}
	if err := fg.Add(rec); err != nil {
		t.Fatal(err)
	}
	if err := fg.AddLogFile(craftedDRLog); err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(fg)
	t.Cleanup(srv.Close)
	t.Setenv("CALLSCOPE_GRAPH_URL", srv.URL)
	t.Setenv("CALLSCOPE_ACCESS_TOKEN", testToken)
	return fg
}

// explorerLoads stands in for the explorer: it loads what it was given, as
// the explorer does, and keeps the file and the options.
func explorerLoads(t *testing.T, terminal bool) (got *[]*data.File, opts *[]ui.Options) {
	t.Helper()
	got, opts = new([]*data.File), new([]ui.Options)
	run, isTerm := runExplorer, stdoutTerminal
	t.Cleanup(func() { runExplorer, stdoutTerminal = run, isTerm })
	stdoutTerminal = func(io.Writer) bool { return terminal }
	runExplorer = func(o ui.Options, _ *colorprofile.Profile) (string, error) {
		*opts = append(*opts, o)
		f, err := o.Load(context.Background(), func(string) {})
		if err == nil {
			*got = append(*got, f)
		}
		return "", err
	}
	return got, opts
}

// In a terminal, callscope pstn is a picker, newest first; enter on a
// Direct Routing row opens its call record, fetched from Graph with the
// log rows of its time (the failed leg's 503 on it); quitting the call
// comes back to the picker, which says why a call did not open.
func TestPSTNPickerOpensTheCallOfADirectRoutingRow(t *testing.T) {
	fakeGraphWithCraftedCall(t)
	files, _ := explorerLoads(t, true)
	pick := pickPSTN
	t.Cleanup(func() { pickPSTN = pick })
	var shown [][]*pstn.Row
	var statuses []string
	pickPSTN = func(p *ui.PSTNPicker, _ *colorprofile.Profile) (*pstn.Row, error) {
		rows := p.Rows()
		shown = append(shown, rows)
		statuses = append(statuses, p.Status())
		for _, r := range rows {
			switch {
			case len(shown) == 1 && r.Failed() && r.Result() == "503 Service Unavailable":
				return r, nil // the crafted call's failed leg
			case len(shown) == 2 && r.User().Name == "Bob Ngata":
				return r, nil // another call, not in Graph
			}
		}
		return nil, nil
	}
	code, out, errs := runCLI(t, "", "pstn", "--from", "2026-07-14", "--to", "2026-07-15", "--kind", "direct-routing")
	if code != 0 || out != "" {
		t.Fatalf("exit %d, stdout %q, stderr %s", code, out, errs)
	}
	if len(shown) != 3 || len(shown[0]) != 5 {
		t.Fatalf("the picker was shown %d times, with %d rows", len(shown), len(shown[0]))
	}
	for i := 1; i < len(shown[0]); i++ {
		if shown[0][i].Time().After(shown[0][i-1].Time()) {
			t.Errorf("row %d is newer than the one above it: newest first", i)
		}
	}
	if len(*files) != 1 || (*files)[0].Records[0].ID != craftedPSTNID {
		t.Fatalf("opened %d calls", len(*files))
	}
	f := (*files)[0]
	c := pstn.ForFile(f, nil)[0]
	if ms := c.At(1, 0); len(ms) != 1 || ms[0].Row.Result() != "503 Service Unavailable" {
		t.Errorf("the fetched call's AudioCodes leg: %+v (status %s: %s)", ms, c.Status, c.Note)
	}
	if statuses[1] != "" || !strings.Contains(statuses[2], "call record ") || !strings.Contains(statuses[2], "not found") && !strings.Contains(statuses[2], "404") {
		t.Errorf("statuses %q", statuses)
	}
	if strings.Contains(strings.Join(statuses, " ")+errs, testToken) {
		t.Errorf("the token reached the screen")
	}

	// Not a terminal: the table, as before.
	_, _ = explorerLoads(t, false)
	code, out, _ = runCLI(t, "", "pstn", "--from", "2026-07-14", "--to", "2026-07-15", "--kind", "direct-routing")
	if code != 0 || !strings.HasPrefix(out, "TIME ") || len(shown) != 3 {
		t.Errorf("not a terminal: exit %d\n%s", code, out)
	}
}

// --pstn-log works in the explorer as in report: the rows are read before
// it starts and given to it; a bad log is refused on the command line.
func TestExplorerTakesPSTNLogs(t *testing.T) {
	files, opts := explorerLoads(t, true)
	code, _, errs := runCLI(t, "", "--pstn-log", craftedDRLog, craftedPSTN)
	if code != 0 || len(*opts) != 1 || len((*opts)[0].PSTNLogs) != 1 || len((*opts)[0].PSTNLogs[0].Rows) != 5 || len(*files) != 1 {
		t.Fatalf("exit %d %s: %d runs", code, errs, len(*opts))
	}
	c := pstn.ForFile((*files)[0], (*opts)[0].PSTNLogs)[0]
	if len(c.Matches) != 3 || len(c.Unmatched) != 1 {
		t.Errorf("matches %d, unmatched %d", len(c.Matches), len(c.Unmatched))
	}
	if code, _, errs := runCLI(t, "", "--pstn-log", "testdata/nonexistent.json", craftedPSTN); code == 0 || len(*opts) != 1 || errs == "" {
		t.Errorf("a missing log: exit %d, %d runs, %q", code, len(*opts), errs)
	}
	if code, _, errs := runCLI(t, "{}", "--pstn-log", "-", "-"); code != 2 || !strings.Contains(errs, "cannot both be standard input") {
		t.Errorf("two standard inputs: exit %d %q", code, errs)
	}
}

// A saved log opened in the explorer shows as a table of its rows; not on
// a terminal, as report shows it.
func TestExplorerOpensLogFiles(t *testing.T) {
	_, _ = explorerLoads(t, true)
	show := showLog
	t.Cleanup(func() { showLog = show })
	var logs []*pstn.Log
	showLog = func(l *pstn.Log, _ io.Writer, _ *colorprofile.Profile) error {
		logs = append(logs, l)
		return nil
	}
	for _, path := range []string{craftedDRLog, "testdata/graph/getpstncalls-v1.json", "testdata/graph/beta-getsmslog.json", "testdata/graph/beta-getpstnonlinemeetingdialoutreport.json"} {
		code, _, errs := runCLI(t, "", path)
		if code != 0 || len(logs) == 0 || logs[len(logs)-1].Name != path {
			t.Errorf("%s: exit %d %s", path, code, errs)
		}
	}
	if logs[0].Kind != pstn.DirectRouting || len(logs[0].Rows) != 5 {
		t.Errorf("%s: %v, %d rows", logs[0].Name, logs[0].Kind, len(logs[0].Rows))
	}
	b, err := os.ReadFile(craftedDRLog)
	if err != nil {
		t.Fatal(err)
	}
	if code, _, _ := runCLI(t, string(b), "-"); code != 0 || logs[len(logs)-1].Name != "-" {
		t.Errorf("standard input: exit %d", code)
	}
	if code, _, errs := runCLI(t, "", "--pstn-log", craftedDRLog, craftedDRLog); code != 2 || !strings.Contains(errs, "goes with a call record") {
		t.Errorf("--pstn-log with a log: exit %d %s", code, errs)
	}
	// A call record still opens as one.
	if code, _, errs := runCLI(t, "", craftedPSTN); code != 0 {
		t.Errorf("a call record: exit %d %s", code, errs)
	}
	_, _ = explorerLoads(t, false)
	code, out, _ := runCLI(t, "", craftedDRLog)
	want, _ := pstn.Read(craftedDRLog, nil, load.Limits{})
	if code != 0 || !strings.HasPrefix(out, want.Title()+"\n\nTIME ") || !strings.Contains(out, "✗ 503 Service Unavailable") {
		t.Errorf("not a terminal: exit %d\n%s", code, out)
	}
}
