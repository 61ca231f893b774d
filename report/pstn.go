package report

import (
	"bufio"
	"fmt"
	"strconv"
	"strings"

	"github.com/callscope/callscope/data"
	"github.com/callscope/callscope/findings"
	"github.com/callscope/callscope/jqpath"
	"github.com/callscope/callscope/text"
)

// PSTN is what Graph's PSTN and Direct Routing logs say about a call: its
// rows, matched to its legs or not, and, when none matched, why. Package
// pstn builds it (pstn.Call.Section): report cannot import pstn, which
// reads records through load, whose tests print reports.
type PSTN struct {
	Status   string // "matched", "not fetched", "not permitted", "fetch failed", "not found"
	Note     string // when no row matched: why, in words
	Rows     []PSTNRow
	Sources  []string       // how each fetched log went, in words: "getPstnCalls 2026-… : fetched, 3 rows in the window, 1 about this call"
	Findings []data.Finding // one a matched row, at its leg
}

// PSTNRow is one log row about the call.
type PSTNRow struct {
	Matched bool
	// Se and Sg are the leg's session and segment (Sg -1: the session
	// itself; Se -1: the call as a whole); both -1 when not matched.
	Se, Sg   int
	Leg      string // the leg's name: "PSTN leg +14255550142 via sbc1.contoso.com"; "" when not matched
	By       string // what matched: "correlationId, number, trunk and time"
	Why      string // why it fits no leg, when not matched
	Kind     string // "Direct Routing", "Calling Plan"
	Failed   bool   // a Direct Routing call that failed or dropped
	Severity data.Severity
	Finding  string      // the finding's text without its leg: "SIP 503 Service Unavailable, sub-reason 560503"
	Facts    [][2]string // label and value, in the order a details pane shows them
	Cells    []string    // time, kind, user, from → to, duration, result, trunk: a table's line, cleaned
	// Fields are the row's members under Graph's names, in Graph's order,
	// after an "@odata.type" naming its log.
	Fields []PSTNField
}

// PSTNField is one member of a row: its name, and its value as JSON whose
// strings are cleaned as the JSON report cleans record text
// (text.AppendJSON), written as it is.
type PSTNField struct{ Name, Value string }

// pstnKeys are the keys the JSON report adds to a row; a member of the
// row with one of these names (Graph's rows have none) is left out.
var pstnKeys = map[string]bool{"matched": true, "path": true, "leg": true, "matchedBy": true, "why": true, "severity": true}

// BuildWith makes the sections of a record's report with what the logs say
// about it (nil: nothing): its matched rows' findings join the record's,
// most severe first, each after those of its severity.
func BuildWith(r *data.Record, p *PSTN) *Sections {
	s := Build(r)
	s.PSTN = p
	if p != nil && len(p.Findings) > 0 {
		s.Findings = findings.Merge(s.Findings, p.Findings)
	}
	return s
}

// pstnTitle heads the section in text and markdown.
const pstnTitle = "PSTN and Direct Routing logs"

// writePSTNText writes the text report's section: each matched row with
// its finding and facts, the rows that fit no leg, why there are none.
func writePSTNText(w *bufio.Writer, p *PSTN, paths []string) {
	if p == nil {
		return
	}
	fmt.Fprintf(w, "\n%s\n", pstnTitle)
	for i, r := range p.Rows {
		if !r.Matched {
			continue
		}
		mark := ""
		if r.Failed {
			mark = "✗ "
		}
		fmt.Fprintf(w, "  %s%s [%s]\n", mark, text.Clean(whoText(r.Leg, r.Finding)), r.Severity)
		fmt.Fprintf(w, "    %s row on %s, matched by %s\n", text.Clean(r.Kind), text.Clean(paths[i]), text.Clean(r.By))
		writeFactsText(w, r.Facts)
	}
	if n := unmatched(p); n > 0 {
		fmt.Fprintf(w, "  Rows about this call that fit no PSTN leg (%d)\n", n)
		for _, r := range p.Rows {
			if !r.Matched {
				fmt.Fprintf(w, "    %s %s %s %s: %s\n", cell(r.Cells, 0), cell(r.Cells, 1), cell(r.Cells, 3), cell(r.Cells, 5), text.Clean(r.Why))
			}
		}
	}
	if p.Note != "" {
		fmt.Fprintf(w, "  %s: %s\n", text.Clean(p.Status), text.Clean(p.Note))
	}
	for _, s := range p.Sources {
		fmt.Fprintf(w, "  %s\n", text.Clean(s))
	}
}

func whoText(who, what string) string {
	if who == "" {
		return what
	}
	return who + ": " + what
}

func unmatched(p *PSTN) int {
	n := 0
	for _, r := range p.Rows {
		if !r.Matched {
			n++
		}
	}
	return n
}

func cell(cells []string, i int) string {
	if i < len(cells) {
		return text.Clean(cells[i])
	}
	return "—"
}

// factsWidth is where writeFactsText breaks its lines, in terminal cells.
const factsWidth = 100

// writeFactsText writes a row's facts, "label value" joined by " · ", on
// lines of at most factsWidth cells where the facts allow.
func writeFactsText(w *bufio.Writer, facts [][2]string) {
	const indent = "    "
	line := ""
	for _, f := range facts {
		part := text.Clean(f[0] + " " + f[1])
		switch {
		case line == "":
			line = part
		case text.Width(indent+line+" · "+part) > factsWidth:
			w.WriteString(indent + line + "\n")
			line = part
		default:
			line += " · " + part
		}
	}
	if line != "" {
		w.WriteString(indent + line + "\n")
	}
}

// writePSTNMarkdown writes the markdown report's section: a bullet a
// matched row with its facts, a table of the rows that fit no leg, why
// there are none.
func writePSTNMarkdown(w *bufio.Writer, p *PSTN, paths []string) {
	if p == nil {
		return
	}
	fmt.Fprintf(w, "\n#### %s\n", pstnTitle)
	list := false // a blank line opens the list of matched rows
	for i, r := range p.Rows {
		if !r.Matched {
			continue
		}
		if !list {
			w.WriteString("\n")
			list = true
		}
		mark := ""
		if r.Failed {
			mark = "✗ "
		}
		fmt.Fprintf(w, "- **%s** %s%s (%s row on %s, matched by %s)\n", text.Markdown(r.Severity.String()), mark,
			text.Markdown(whoText(r.Leg, r.Finding)), text.Markdown(r.Kind), text.Markdown(paths[i]), text.Markdown(r.By))
		if len(r.Facts) > 0 {
			parts := make([]string, len(r.Facts))
			for j, f := range r.Facts {
				parts[j] = text.Markdown(f[0]) + ": " + text.Markdown(f[1])
			}
			fmt.Fprintf(w, "  - %s\n", strings.Join(parts, " · "))
		}
	}
	if n := unmatched(p); n > 0 {
		fmt.Fprintf(w, "\n**Rows about this call that fit no PSTN leg (%d)**\n\n| Time | Log | From → to | Result | Why |\n|---|---|---|---|---|\n", n)
		for _, r := range p.Rows {
			if !r.Matched {
				fmt.Fprintf(w, "| %s | %s | %s | %s | %s |\n", text.MarkdownCell(cell(r.Cells, 0)), text.MarkdownCell(cell(r.Cells, 1)),
					text.MarkdownCell(cell(r.Cells, 3)), text.MarkdownCell(cell(r.Cells, 5)), text.MarkdownCell(r.Why))
			}
		}
	}
	if p.Note != "" {
		fmt.Fprintf(w, "\n**%s**: %s\n", text.Markdown(p.Status), text.Markdown(p.Note))
	}
	if len(p.Sources) > 0 {
		w.WriteString("\n")
		for _, s := range p.Sources {
			fmt.Fprintf(w, "- %s\n", text.Markdown(s))
		}
	}
}

// appendPSTNJSON appends the JSON report's "pstn" rows, "pstnStatus" and
// "pstnNote", comma first. Each row holds its members under Graph's names,
// then "matched", "path" (the leg's, in the notation of the streams' and
// failures' paths; null when not matched), "leg", "matchedBy" or "why",
// and "severity".
func appendPSTNJSON(b []byte, p *PSTN, paths []string) []byte {
	b = append(b, `,"pstn":[`...)
	if p != nil {
		for i, row := range p.Rows {
			if i > 0 {
				b = append(b, ',')
			}
			b = appendPSTNRowJSON(b, &row, paths[i])
		}
	}
	b = append(b, `],"pstnStatus":`...)
	switch {
	case p == nil:
		b = append(b, "null"...)
	default:
		b = text.AppendJSON(b, p.Status)
	}
	b = append(b, `,"pstnNote":`...)
	if p == nil {
		return append(b, "null"...)
	}
	return appendJSONOpt(b, p.Note)
}

func appendPSTNRowJSON(b []byte, row *PSTNRow, path string) []byte {
	b = append(b, '{')
	n := 0
	for _, fl := range row.Fields {
		if pstnKeys[fl.Name] {
			continue
		}
		if n > 0 {
			b = append(b, ',')
		}
		n++
		b = text.AppendJSON(b, fl.Name)
		b = append(b, ':')
		b = append(b, fl.Value...)
	}
	if n > 0 {
		b = append(b, ',')
	}
	b = append(b, `"matched":`...)
	b = strconv.AppendBool(b, row.Matched)
	b = append(b, `,"path":`...)
	if row.Matched {
		b = text.AppendJSON(b, path)
	} else {
		b = append(b, "null"...)
	}
	b = append(b, `,"leg":`...)
	b = appendJSONOpt(b, row.Leg)
	if row.Matched {
		b = append(b, `,"matchedBy":`...)
		b = text.AppendJSON(b, row.By)
	} else {
		b = append(b, `,"why":`...)
		b = text.AppendJSON(b, row.Why)
	}
	b = append(b, `,"severity":"`...)
	b = append(b, row.Severity.String()...)
	return append(b, `"}`...)
}

// pstnPaths are the paths of the rows' legs (see legPath), "" for rows
// not matched.
func pstnPaths(f *data.File, r *data.Record, p *PSTN) []string {
	if p == nil {
		return nil
	}
	out := make([]string, len(p.Rows))
	for i, row := range p.Rows {
		if row.Matched {
			out[i] = legPath(f, r, row.Se, row.Sg)
		}
	}
	return out
}

// legPath is the path of a leg: its segment, its session (sg -1), or the
// record (se -1). Places outside the record give the record's.
func legPath(f *data.File, r *data.Record, se, sg int) string {
	if se < 0 || se >= len(r.Sessions) {
		return jqpath.Of(f, r, nil, nil, nil, nil)
	}
	s := r.Sessions[se]
	if sg < 0 || sg >= len(s.Segments) {
		return jqpath.Of(f, r, s, nil, nil, nil)
	}
	return jqpath.Of(f, r, s, s.Segments[sg], nil, nil)
}
