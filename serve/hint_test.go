package serve

import (
	"bytes"
	"path/filepath"
	"strings"
	"testing"

	"github.com/callscope/callscope/generate"
	"github.com/callscope/callscope/load"
)

// Over SSH the explorer suggests what works there: the session has no
// callscope report and no --print-on-exit.
func TestExplorerSuggestsTheSSHReport(t *testing.T) {
	var buf bytes.Buffer
	if err := generate.Record(&buf, generate.Options{Sessions: 60, Seed: 1}); err != nil {
		t.Fatal(err)
	}
	file, err := load.Load("gen", buf.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	rec := file.Records[0]
	if len(rec.Findings) <= 40 {
		t.Fatalf("%d findings: the call's pane lists them all", len(rec.Findings))
	}
	f := newFixture(t, fixtureOptions{})
	writeGzip(t, filepath.Join(f.records, "2026-02-18", rec.ID+".json.gz"), buf.Bytes())
	tm := f.openTerm(t, f.engineer, rec.ID, 200, 120)
	s := tm.waitFor(t, "the findings' last line", func(s string) bool { return strings.Contains(s, "more: ssh HOST report") })
	if strings.Contains(s, "callscope report") || strings.Contains(s, "--print-on-exit") {
		t.Errorf("the explorer over SSH suggests a command the session lacks:\n%s", s)
	}
}
