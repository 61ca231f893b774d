package pstn

import (
	"io"
	"strings"
	"time"

	"github.com/tidwall/gjson"

	"github.com/callscope/callscope/data"
	"github.com/callscope/callscope/report"
	"github.com/callscope/callscope/text"
)

// Section is what the report says of the logs about a call: every row
// about it, matched (in the order of the matches) then unmatched, its
// findings, why no row matched, and how each fetch went. nil for a call
// with no PSTN legs and no rows, which the report does not mention.
func (c *Call) Section() *report.PSTN {
	if c == nil || c.Status == NoLegs {
		return nil
	}
	p := &report.PSTN{Status: c.Status.String(), Note: c.Note, Findings: c.Findings()}
	for i, m := range c.Matches {
		row := sectionRow(m.Row)
		row.Matched, row.Se, row.Sg, row.By = true, -1, -1, m.By
		if m.Leg >= 0 && m.Leg < len(c.Legs) {
			row.Se, row.Sg = c.Legs[m.Leg].Session, c.Legs[m.Leg].Segment
		}
		row.Leg = p.Findings[i].Who
		p.Rows = append(p.Rows, row)
	}
	for _, u := range c.Unmatched {
		row := sectionRow(u.Row)
		row.Se, row.Sg, row.Why = -1, -1, u.Why
		p.Rows = append(p.Rows, row)
	}
	for _, s := range c.Sources {
		p.Sources = append(p.Sources, SourceLine(s, text.TimeText))
	}
	return p
}

func sectionRow(r *Row) report.PSTNRow {
	return report.PSTNRow{Kind: r.Kind.String(), Failed: r.Failed(), Severity: Severity(r), Finding: FindingText(r),
		Facts: Facts(r, text.TimeText), Cells: Cells(r), Fields: cleanFields(r)}
}

// cleanFields are a row's members as RowJSON writes them: an "@odata.type"
// naming its log first, every string cleaned.
func cleanFields(r *Row) []report.PSTNField {
	var out []report.PSTNField
	if t := r.Kind.ODataType(); t != "" {
		out = append(out, report.PSTNField{Name: "@odata.type", Value: string(text.AppendJSON(nil, t))})
	}
	for _, f := range r.Fields {
		if strings.EqualFold(f.Name, "@odata.type") && r.Kind != Unknown {
			continue
		}
		out = append(out, report.PSTNField{Name: f.Name, Value: string(appendValue(nil, gjson.Parse(f.Value), 0))})
	}
	return out
}

// SourceLine says how a source went: "getDirectRoutingCalls 2026-07-14
// 08:55:00 UTC…09:27:00 UTC: fetched, 12 rows in the window, 1 about this
// call"; for a file given, its name and rows. Times are as timeText writes
// them (text.TimeText, or the explorer's --local zone). Record text: clean
// it for its format.
func SourceLine(s *Source, timeText func(time.Time) string) string {
	if s.From.IsZero() {
		return s.Name + " (a log given): " + text.Plural(s.Total, "row")
	}
	line := s.Name + " " + timeText(s.From) + "…" + timeText(s.To) + ": " + s.Status.String()
	if s.Status == Fetched {
		line += ", " + text.Plural(s.Total, "row") + " in the window, " + itoa(int64(len(s.Rows))) + " about this call"
	}
	return line
}

// Sections are the report's sections of calls (see Section), one a call.
func Sections(calls []*Call) []*report.PSTN {
	out := make([]*report.PSTN, len(calls))
	for i, c := range calls {
		out[i] = c.Section()
	}
	return out
}

// WriteReport writes a file's report (report.WriteWith) with what the logs
// its records hold (Member) and the logs given say about each call
// (ForFile).
func WriteReport(w io.Writer, f *data.File, format report.Format, logs []*Log) error {
	return report.WriteWith(w, f, format, Sections(ForFile(f, logs)))
}
