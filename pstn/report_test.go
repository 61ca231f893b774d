package pstn

import (
	"bytes"
	"strings"
	"testing"

	"github.com/callscope/callscope/data"
	"github.com/callscope/callscope/report"
)

// The crafted call and its crafted log: what the report and the explorer
// read of each leg.
func craftedCall(t *testing.T) (*data.File, *Call) {
	t.Helper()
	f, r := loadCall(t, string(readTestdata(t, "crafted-aa-cq-bot-pstn.json")))
	log, err := Parse("dr.json", readTestdata(t, "pstn", "crafted-aa-cq-bot-pstn-dr-log.json"), loadLimits())
	if err != nil {
		t.Fatal(err)
	}
	return f, MatchCall(r, []*Source{{Kind: log.Kind, Name: log.Name, Total: len(log.Rows), Rows: log.Rows}})
}

func TestLookupByPlace(t *testing.T) {
	_, c := craftedCall(t)
	if c.LegAt(1, 0) != 1 || c.LegAt(1, 1) != -1 || c.LegAt(9, 0) != -1 {
		t.Errorf("LegAt: %d %d %d", c.LegAt(1, 0), c.LegAt(1, 1), c.LegAt(9, 0))
	}
	at := c.At(1, 0)
	if len(at) != 1 || at[0].Row.DR.SIPCode.V != 503 {
		t.Errorf("the AudioCodes leg's row: %+v", at)
	}
	if len(c.At(0, 1)) != 0 || len(c.At(3, 0)) != 0 {
		t.Error("no rows where no leg is")
	}
}

func TestSection(t *testing.T) {
	f, c := craftedCall(t)
	p := c.Section()
	if p.Status != "matched" || p.Note != "" || len(p.Rows) != 4 || len(p.Findings) != 3 {
		t.Fatalf("section %+v", p)
	}
	r := p.Rows[1]
	if !r.Matched || r.Se != 1 || r.Sg != 0 || r.Leg != "PSTN leg +14255550142 via AudioCodes" || !r.Failed ||
		r.Severity != data.Problem || r.Finding != "SIP 503 Service Unavailable, sub-reason 560503" || r.Cells[1] != "DR" {
		t.Errorf("matched row %+v", r)
	}
	if r.Fields[0].Name != "@odata.type" || r.Fields[1].Name != "id" {
		t.Errorf("fields start %+v", r.Fields[:2])
	}
	u := p.Rows[3]
	if u.Matched || u.Se != -1 || u.Leg != "" || !strings.Contains(u.Why, "sbc9.contoso.com") {
		t.Errorf("unmatched row %+v", u)
	}
	if len(p.Sources) != 1 || p.Sources[0] != "dr.json (a log given): 5 rows" {
		t.Errorf("sources %q", p.Sources)
	}
	// A call without PSTN legs and rows: nothing to say.
	_, teams := loadCall(t, record("c4", "09:00:00", "09:10:00", session("09:00:00", "09:10:00", user("a", "A"), user("b", "B"))))
	if s := MatchCall(teams, nil).Section(); s != nil {
		t.Errorf("no legs: %+v", s)
	}
	// Record text reaches the report cleaned: an escape in a row's
	// trunk is not written raw in any format.
	c.Matches[0].Row.DR.Trunk = "sbc1\x1b[31m.contoso.com"
	c.Matches[0].Row.Fields = append(c.Matches[0].Row.Fields, Field{Name: "x\x1b[2J", Value: `"\u001b[2J"`})
	for _, ft := range []report.Format{report.FormatText, report.FormatMarkdown, report.FormatJSON} {
		var b bytes.Buffer
		if err := report.WriteWith(&b, f, ft, []*report.PSTN{c.Section()}); err != nil {
			t.Fatal(err)
		}
		if bytes.Contains(b.Bytes(), []byte("\x1b")) {
			t.Errorf("%s: an escape reached the report", ft)
		}
	}
}

// The reports say a row's callType in words, as the explorer's PSTN pane
// does (both read Facts); the JSON report keeps Graph's value.
func TestSectionSaysCallTypeInWords(t *testing.T) {
	f, c := craftedCall(t)
	for _, ft := range []report.Format{report.FormatText, report.FormatMarkdown, report.FormatJSON} {
		var b bytes.Buffer
		if err := report.WriteWith(&b, f, ft, []*report.PSTN{c.Section()}); err != nil {
			t.Fatal(err)
		}
		out := b.String()
		words := map[report.Format]string{report.FormatText: "Call type inbound · ", report.FormatMarkdown: "Call type: inbound · "}[ft]
		switch {
		case ft == report.FormatJSON && (!strings.Contains(out, `"callType":"ByotIn"`) || strings.Contains(out, "inbound")):
			t.Errorf("json: Graph's callType is not kept:\n%s", out)
		case ft != report.FormatJSON && (!strings.Contains(out, words) || strings.Contains(out, "ByotIn")):
			t.Errorf("%s lacks %q or shows ByotIn:\n%s", ft, words, out)
		}
	}
}
