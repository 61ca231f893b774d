// Package report writes what callscope says about a call: text for a
// terminal or a ticket, markdown, and JSON lines for scripts. Every format
// is written from one section model built once from the record (Build);
// NodeMarkdown summarises one node for `y m`.
package report

import (
	"fmt"
	"strings"
	"time"

	"github.com/callscope/callscope/data"
	"github.com/callscope/callscope/text"
)

// Sections are what a report says about one call. The writers only format
// them.
type Sections struct {
	Record   *data.Record
	Call     Call
	Counts   data.Counts
	Verdicts data.Rollup    // the streams' verdicts and the failures
	Poor     []StreamRow    // the poor streams, in source order
	Findings []data.Finding // most severe first
	Failures []FailureRow
	Warnings []string
	PSTN     *PSTN // what the PSTN and Direct Routing logs say; nil: the report says nothing of them

	pstnPaths []string // of PSTN's rows' legs, set by WriteWith (paths need the file)
}

// Call is the call's key facts, as the record holds them.
type Call struct {
	ID, Type     string
	Modalities   []string
	Start, End   time.Time
	Duration     time.Duration // -1 when a time is missing
	Organizer    string        // as the record's names name them; "" when it has none
	Version      data.Opt[int64]
	LastModified time.Time
}

// StreamRow is one stream, flattened: who sent it to whom and why its
// verdict is what it is.
type StreamRow struct {
	Session, Segment, Media, StreamID, Direction string
	Kind, Verdict                                string
	Reasons                                      []string
	Caller, Callee                               string
	// From and To are who sent it and who got it; a leg between services
	// says whom it serves: "Mediation server (for +14255550123)".
	From, To string
}

// FailureRow is one failureInfo; Segment is "" for a session's own failure.
type FailureRow struct {
	Session, Segment, Stage, Reason string
	Leg                             string // "caller → callee" of the session or segment
	Who                             string // the session's person, or the segment's leg (Names.LegWho)

	se *data.Session
	sg *data.Segment // nil for a session's own failure
}

// Build makes the sections of a record's report.
func Build(r *data.Record) *Sections {
	names := r.Names()
	s := &Sections{
		Record: r,
		Call: Call{ID: r.ID, Type: r.Type, Modalities: r.Modalities, Start: r.Start, End: r.End,
			Duration: r.Duration(), Organizer: r.OrganizerName(), Version: r.Version, LastModified: r.LastModified},
		Counts:   r.Counts(),
		Verdicts: r.Quality,
		Findings: r.Findings,
		Failures: failures(r),
		Warnings: r.Warnings,
	}
	for _, se := range r.Sessions {
		eachStreamOf(names, se, func(sg *data.Segment, m *data.Media, st *data.Stream, leg *leg) {
			if st.Quality.Verdict == data.Poor {
				s.Poor = append(s.Poor, streamRow(names, se, sg, m, st, leg))
			}
		})
	}
	return s
}

// Facts are the call's key facts in words, as label and value, cleaned:
// the head of the text and markdown reports.
func (c *Call) Facts() [][2]string {
	typ := orDash(data.Words("type", c.Type))
	if len(c.Modalities) > 0 {
		typ += " (" + data.ModalityWords(c.Modalities) + ")"
	}
	dur := "—"
	if c.Duration >= 0 {
		dur = text.FormatSpan(c.Duration) + " (ends " + text.TimeText(c.End) + ")"
	}
	ver := "—"
	if c.Version.OK {
		ver = fmt.Sprint(c.Version.V)
	}
	if !c.LastModified.IsZero() {
		ver += " (last modified " + text.TimeText(c.LastModified) + ")"
	}
	return [][2]string{
		{"Call record", orDash(c.ID)},
		{"Type", typ},
		{"Start", text.TimeText(c.Start)},
		{"Duration", dur},
		{"Organizer", orDash(c.Organizer)},
		{"Version", ver},
	}
}

// countsLine and verdictLine are the counts and the verdicts in words.
func countsLine(c data.Counts) string {
	return fmt.Sprintf("%s, %s, %s, %s, %s, %s",
		text.Plural(c.Participants, "participant"), text.Plural(c.Sessions, "session"), text.Plural(c.Segments, "segment"),
		text.Plural(c.Media, "media", "media"), text.Plural(c.Streams, "stream"), text.Plural(c.TraceRouteHops, "trace-route hop"))
}

func verdictLine(q data.Rollup) string {
	s := fmt.Sprintf("%d good, %d poor, %d unclassified", q.Good, q.Poor, q.Unclassified)
	if q.Failures > 0 {
		s += "; " + text.Plural(q.Failures, "failure")
	}
	return s
}

func orDash(s string) string {
	if s = text.Clean(s); s == "" {
		return "—"
	}
	return s
}

// leg is what reports say about one segment: the labels of its ends and
// the person it is for, worked out once for all the segment's streams.
type leg struct {
	caller, callee string
	person         *data.Endpoint // see data.LegParty; nil when none
	services       bool           // neither end is a person
}

func legOf(n *data.Names, se *data.Session, sg *data.Segment) leg {
	caller, callee := data.SideOf(se, sg)
	return leg{caller: n.Label(caller), callee: n.Label(callee), person: data.LegParty(se, caller, callee),
		services: !caller.IsPerson() && !callee.IsPerson()}
}

// eachStreamOf calls fn for every stream of a session in source order, with
// the leg that carries it.
func eachStreamOf(names *data.Names, se *data.Session, fn func(sg *data.Segment, m *data.Media, st *data.Stream, leg *leg)) {
	for _, sg := range se.Segments {
		if len(sg.Media) == 0 {
			continue
		}
		leg := legOf(names, se, sg)
		for _, m := range sg.Media {
			for _, st := range m.Streams {
				fn(sg, m, st, &leg)
			}
		}
	}
}

func streamRow(names *data.Names, se *data.Session, sg *data.Segment, m *data.Media, st *data.Stream, leg *leg) StreamRow {
	row := StreamRow{
		Session: se.ID, Segment: sg.ID, Media: m.Label, StreamID: st.StreamID,
		Direction: st.Direction, Kind: st.Kind.String(), Verdict: st.Quality.Verdict.String(),
		Reasons: reasonTexts(st.Quality.Reasons), Caller: leg.caller, Callee: leg.callee,
		From: leg.caller, To: leg.callee,
	}
	if strings.EqualFold(st.Direction, "calleeToCaller") {
		row.From, row.To = leg.callee, leg.caller
	}
	// A leg between services (conference server, mediation server,
	// gateway) says whom it serves: a meeting has many alike.
	if leg.services && leg.person != nil {
		if p := names.Name(leg.person); p != "" {
			row.To += " (for " + p + ")"
		}
	}
	return row
}

func reasonTexts(rs []data.Reason) []string {
	out := make([]string, len(rs))
	for i, r := range rs {
		out[i] = r.Text()
	}
	return out
}

// failures lists the failureInfo of sessions and segments; a segment's that
// only repeats its session's is not listed twice (see OwnFailure).
func failures(r *data.Record) []FailureRow {
	var rows []FailureRow
	names := r.Names()
	for _, se := range r.Sessions {
		if f := se.Failure; f != nil {
			rows = append(rows, FailureRow{Session: se.ID, Stage: f.Stage, Reason: f.Reason,
				Who: names.SessionWho(se), Leg: names.Label(&se.Caller) + " → " + names.Label(&se.Callee), se: se})
		}
		for _, sg := range se.Segments {
			if f := sg.OwnFailure(se); f != nil {
				caller, callee := data.SideOf(se, sg)
				rows = append(rows, FailureRow{Session: se.ID, Segment: sg.ID, Stage: f.Stage, Reason: f.Reason,
					Who: names.LegWho(se, caller, callee), Leg: names.Label(caller) + " → " + names.Label(callee), se: se, sg: sg})
			}
		}
	}
	return rows
}

// shownFindings are the findings the text and markdown reports list, and
// how many more there are (the JSON report lists them all).
func (s *Sections) shownFindings() ([]data.Finding, int) {
	if len(s.Findings) <= maxFindings {
		return s.Findings, 0
	}
	return s.Findings[:maxFindings], len(s.Findings) - maxFindings
}

// where says whose a failure is: "session" or "segment".
func (f *FailureRow) where() string {
	if f.Segment != "" {
		return "segment"
	}
	return "session"
}
