package ui

import (
	"fmt"
	"strings"

	"github.com/callscope/callscope/data"
	"github.com/callscope/callscope/findings"
	"github.com/callscope/callscope/jqpath"
	"github.com/callscope/callscope/pstn"
	"github.com/callscope/callscope/text"
)

// pstnFile is what PSTN and Direct Routing logs say about a file's calls:
// the rows the records hold (fetched with --id, or saved with them) and
// those of the logs given (--pstn-log), matched to the calls' PSTN legs.
// The tree shows a leg's rows after its words, the details pane a block
// of them, and their findings join the call's as the report joins them.
// nil when no call has PSTN legs or rows: methods are nil-safe.
type pstnFile struct {
	file     *data.File
	calls    []*pstn.Call      // per record; nil when the logs say nothing of it
	findings [][]data.Finding  // per record: its own findings and its rows', merged
	words    map[legKey]string // per leg with rows: rowMain's words, built once
}

// legKey is where a leg is: a record, a session and a segment (-1: the
// session itself).
type legKey struct{ rec, se, sg int32 }

// matchPSTN matches the rows (pstn.ForFile); nil when no call has PSTN
// legs or rows, as for most calls.
func matchPSTN(f *data.File, logs []*pstn.Log) *pstnFile {
	if f == nil {
		return nil
	}
	calls := pstn.ForFile(f, logs)
	px := &pstnFile{file: f, calls: calls, findings: make([][]data.Finding, len(calls)), words: map[legKey]string{}}
	some := false
	for i, c := range calls {
		if c == nil || c.Status == pstn.NoLegs {
			calls[i] = nil
			continue
		}
		some = true
		px.findings[i] = findings.Merge(f.Records[i].Findings, c.Findings())
		for j, l := range c.Legs {
			if w := legWords(c.OnLeg(j)); w != "" {
				px.words[legKey{int32(i), int32(l.Session), int32(l.Segment)}] = w
			}
		}
	}
	if !some {
		return nil
	}
	return px
}

// call is record rec's, nil when the logs say nothing of it.
func (px *pstnFile) call(rec int32) *pstn.Call {
	if px == nil || rec < 0 || int(rec) >= len(px.calls) {
		return nil
	}
	return px.calls[rec]
}

// nodeFindings are own (the findings a pane lists for node n) with the
// rows' findings at n merged in: for the call all of them (the report's
// list), for a session or segment those on its legs.
func (px *pstnFile) nodeFindings(n Node, own []data.Finding) []data.Finding {
	c := px.call(n.Rec)
	if c == nil {
		return own
	}
	if n.Level == LevelCall {
		return px.findings[n.Rec]
	}
	var more []data.Finding
	for _, f := range c.Findings() {
		switch {
		case f.At.Se != int(n.Se):
		case n.Level == LevelSession, n.Level == LevelSegment && f.At.Sg == int(n.Sg):
			more = append(more, f)
		}
	}
	if len(more) == 0 {
		return own
	}
	return findings.Merge(own, more)
}

// legMatches are the rows on the leg that node n is (a session or a
// segment), none for other nodes.
func (px *pstnFile) legMatches(n Node) []pstn.Match {
	c := px.call(n.Rec)
	switch {
	case c == nil:
		return nil
	case n.Level == LevelSession:
		return c.At(int(n.Se), -1)
	case n.Level == LevelSegment:
		return c.At(int(n.Se), int(n.Sg))
	}
	return nil
}

// rowMain puts what a leg's rows say before its tree row's words: "✗ SIP
// 503 Service Unavailable · failed · PSTN gateway AudioCodes → Mediation
// server", marked ✗ when the call failed. Before, not after: a leg's names
// fill a tree pane of 60 columns, and the SIP code is what the row is
// looked at for (as failedWord is first). The words are built once, where
// the rows are matched (legWords): a frame only looks them up.
func (px *pstnFile) rowMain(n Node, main string) string {
	if px == nil || len(px.words) == 0 {
		return main
	}
	k := legKey{n.Rec, n.Se, -1}
	switch n.Level {
	case LevelSession:
	case LevelSegment:
		k.sg = n.Sg
	default:
		return main
	}
	if w, ok := px.words[k]; ok {
		return w + " · " + main
	}
	return main
}

// legWords are a leg's rows' words, "" for none.
func legWords(ms []pstn.Match) string {
	words := make([]string, 0, len(ms))
	for _, m := range ms {
		words = append(words, rowWords(m.Row))
	}
	return strings.Join(words, ", ")
}

// rowWords is a row in a few words, cleaned: "✗ SIP 503 Service
// Unavailable", "SIP BYE", "Calling Plan user_in".
func rowWords(r *pstn.Row) string {
	s := ""
	switch {
	case r.DR != nil && r.Result() != "":
		s = "SIP " + r.Result()
	case r.CP != nil:
		s = strings.TrimSpace("Calling Plan " + r.Result())
	default:
		s = pstn.FindingText(r)
	}
	if r.Failed() {
		s = markProblem + " " + s
	}
	return text.Clean(s)
}

// pstnTitle heads the details pane's block.
const pstnTitle = "PSTN / Direct Routing"

// detailBlock is the details pane's "PSTN / Direct Routing" block for
// node n: on a leg, its rows; on the call, the rows on no leg, those that
// fit none, and why there are none; nothing elsewhere.
func (px *pstnFile) detailBlock(n Node, w int, st styles) block {
	c := px.call(n.Rec)
	if c == nil || w <= 0 {
		return nil
	}
	switch n.Level {
	case LevelSession, LevelSegment:
		ms := px.legMatches(n)
		if len(ms) == 0 {
			return nil
		}
		b := block{fit(st.title.Render(pstnTitle), w)}
		return append(b, matchesBlock(c, ms, w, st)...)
	case LevelCall:
		return callPSTNBlock(px.file, c, w, st)
	}
	return nil
}

// callPSTNBlock is the call's: its status, where the rows are, the rows on
// no leg, the unmatched, the sources.
func callPSTNBlock(f *data.File, c *pstn.Call, w int, st styles) block {
	b := block{fit(st.title.Render(fmt.Sprintf("%s (%s)", pstnTitle, c.Status)), w)}
	if c.Note != "" {
		b = append(b, paragraph(text.Clean(c.Status.String()+": "+c.Note), w, st.warning)...)
	}
	// Where each matched row is: the legs' rows are in their panes.
	for _, m := range c.Matches {
		if m.Leg < 0 {
			continue
		}
		sym, style := rowMark(m.Row, st)
		b = append(b, paragraph(sym+" "+text.Clean(c.Who(m)+": "+pstn.FindingText(m.Row)), w, style)...)
		b = append(b, paragraph("  on "+text.Clean(legPath(f, c, c.Legs[m.Leg])), w, st.muted)...)
	}
	if ms := c.OnLeg(-1); len(ms) > 0 {
		b = append(b, "", fit(st.label.Render("On the call, on no one leg"), w))
		b = append(b, matchesBlock(c, ms, w, st)...)
	}
	if len(c.Unmatched) > 0 {
		b = append(b, "", fit(st.label.Render(fmt.Sprintf("Rows about this call that fit no PSTN leg (%d)", len(c.Unmatched))), w))
		for i, u := range c.Unmatched {
			if i == maxListed {
				b = append(b, fit(st.muted.Render(fmt.Sprintf("… and %d more: callscope report lists them all", len(c.Unmatched)-i)), w))
				break
			}
			cells := pstn.Cells(u.Row) // cleaned; a failed call's result marked ✗
			b = append(b, paragraph("• "+cells[0]+" "+cells[1]+" "+cells[3]+" "+cells[5]+": "+text.Clean(u.Why), w, st.muted)...)
		}
	}
	if len(c.Sources) > 0 {
		b = append(b, "")
		for _, s := range c.Sources {
			b = append(b, paragraph(text.Clean(pstn.SourceLine(s, st.timeText)), w, st.muted)...)
		}
	}
	return b
}

// legPath is where a leg is, as y p copies it: ".sessions[1].segments[0]".
func legPath(f *data.File, c *pstn.Call, l *pstn.Leg) string {
	se := c.Record.Sessions[l.Session]
	var sg *data.Segment
	if l.Segment >= 0 {
		sg = se.Segments[l.Segment]
	}
	return jqpath.Of(f, c.Record, se, sg, nil, nil)
}

// matchesBlock is each row: its finding, marked by severity, then its
// facts (pstn.Facts) and what matched it.
func matchesBlock(c *pstn.Call, ms []pstn.Match, w int, st styles) block {
	var b block
	for i, m := range ms {
		if i > 0 {
			b = append(b, "")
		}
		sym, style := rowMark(m.Row, st)
		b = append(b, paragraph(sym+" "+text.Clean(pstn.FindingText(m.Row)), w, style)...)
		b = append(b, section("", factFields(m.Row, "Matched by", m.By, st), w, st)...)
	}
	return b
}

// rowMark is a row's mark as its finding's: ✗ a problem, ! a warning
// (busy, declined), i otherwise.
func rowMark(r *pstn.Row, st styles) (string, paint) {
	return findingMark(data.Finding{Severity: pstn.Severity(r)}, st)
}

// factFields are a row's facts as the pane's fields, cleaned, with one
// more at the end when extra is not empty.
func factFields(r *pstn.Row, label, extra string, st styles) []field {
	var fs []field
	for _, f := range pstn.Facts(r, st.timeText) {
		fs = append(fs, field{f[0], text.Clean(f[1])})
	}
	if extra != "" {
		fs = append(fs, field{label, text.Clean(extra)})
	}
	return fs
}
