package report

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/callscope/callscope/data"
	"github.com/callscope/callscope/internal/fixture"
	"github.com/callscope/callscope/load"
)

// A row's members are written under Graph's names; one that has the name
// of a key the report adds is left out rather than written twice.
func TestPSTNJSONRow(t *testing.T) {
	f, err := load.Load("x", fixture.Read(t, "crafted-aa-cq-bot-pstn.json"))
	if err != nil {
		t.Fatal(err)
	}
	p := &PSTN{Status: "matched", Rows: []PSTNRow{
		{Matched: true, Se: 1, Sg: 0, Leg: "PSTN leg", By: "number", Severity: data.Problem,
			Fields: []PSTNField{{"id", `"r1"`}, {"finalSipCode", "503"}, {"matched", "false"}, {"path", `"x"`}}},
		{Se: -1, Sg: -1, Why: "no leg", Fields: []PSTNField{{"id", `"r2"`}}},
		{Matched: true, Se: -1, Sg: -1, Leg: "PSTN leg", By: "correlationId", Fields: []PSTNField{{"id", `"r3"`}}},
	}}
	var b bytes.Buffer
	if err := WriteWith(&b, f, FormatJSON, []*PSTN{p}); err != nil {
		t.Fatal(err)
	}
	var rep struct {
		PSTN       []map[string]any
		PSTNStatus string
	}
	if err := json.Unmarshal(b.Bytes(), &rep); err != nil {
		t.Fatal(err)
	}
	if strings.Count(b.String(), `"matched":`) != 3 {
		t.Errorf("a key written twice: %s", b.String())
	}
	r := rep.PSTN
	if len(r) != 3 || r[0]["id"] != "r1" || r[0]["finalSipCode"] != 503.0 || r[0]["matched"] != true || r[0]["path"] != ".sessions[1].segments[0]" ||
		r[0]["severity"] != "problem" || r[0]["matchedBy"] != "number" {
		t.Errorf("matched row %v", r)
	}
	if r[1]["matched"] != false || r[1]["path"] != nil || r[1]["leg"] != nil || r[1]["why"] != "no leg" {
		t.Errorf("unmatched row %v", r[1])
	}
	if r[2]["path"] != "." {
		t.Errorf("the call's own row: path %v", r[2]["path"])
	}
	if rep.PSTNStatus != "matched" {
		t.Errorf("status %q", rep.PSTNStatus)
	}
}
