package data

import (
	"strconv"
	"strings"
	"time"
)

// Counts are the sizes of a record (the json report's "counts").
type Counts struct {
	Participants   int
	Sessions       int
	Segments       int
	Media          int
	Streams        int
	TraceRouteHops int
}

// StreamRow is one stream, flattened for reports.
type StreamRow struct {
	Session   string
	Segment   string
	Media     string
	StreamID  string
	Direction string
	Kind      string
	Verdict   string
	Reasons   []string
	Caller    string
	Callee    string

	from string // who sent it
	to   string
}

// FailureRow is one failureInfo; Segment is "" for a session's own failure.
type FailureRow struct {
	Session string
	Segment string
	Stage   string
	Reason  string
	Leg     string // "caller → callee" of the session or segment

	who string // the session's person, or the segment's leg (Names.LegWho)
	se  *Session
	sg  *Segment // nil for a session's own failure
}

// Duration is the call's length, or -1 when a time is missing.
func (r *Record) Duration() time.Duration {
	return span(r.Start, r.End)
}

func (s *Session) Duration() time.Duration { return span(s.Start, s.End) }
func (s *Segment) Duration() time.Duration { return span(s.Start, s.End) }

func span(a, b time.Time) time.Duration {
	if a.IsZero() || b.IsZero() || b.Before(a) {
		return -1
	}
	return b.Sub(a)
}

// OrganizerName is the organizer's display name or number, else what the
// record says about the organizer's id elsewhere, else what the organizer
// is and its id; "" when the record has no organizer.
func (r *Record) OrganizerName() string {
	names := r.Names()
	if n := names.ParticipantName(&r.Organizer); n != "" {
		return n
	}
	return names.ParticipantName(&r.OldOrganizer)
}

// Counts counts what the record holds.
func (r *Record) Counts() Counts {
	c := Counts{Sessions: len(r.Sessions), Participants: r.ParticipantCount()}
	for _, se := range r.Sessions {
		c.Segments += len(se.Segments)
		for _, sg := range se.Segments {
			c.Media += len(sg.Media)
			for _, m := range sg.Media {
				c.Streams += len(m.Streams)
				for _, n := range []*Network{m.CallerNetwork, m.CalleeNetwork} {
					if n != nil {
						c.TraceRouteHops += len(n.Hops)
					}
				}
			}
		}
	}
	return c
}

// ParticipantCount counts distinct participants: participants_v2, else
// participants, else the distinct participant endpoints of the sessions.
func (r *Record) ParticipantCount() int {
	seen := map[string]bool{}
	if len(r.Participants) > 0 {
		for i, p := range r.Participants {
			seen[participantKey(p.ID, p.Identity.Primary(), i)] = true
		}
		return len(seen)
	}
	names := r.Names()
	for _, se := range r.Sessions {
		for _, e := range []*Endpoint{&se.Caller, &se.Callee} {
			if e.Kind != EndpointParticipant {
				continue
			}
			if k := participantKey("", e.Ident(), -1); k != "" {
				seen[k] = true
			} else if n := names.Name(e); n != "" {
				seen["name:"+n] = true
			}
		}
	}
	return len(seen)
}

func participantKey(id string, ident *Identity, i int) string {
	switch {
	case id != "":
		return "id:" + strings.ToLower(id)
	case ident != nil && ident.ID != "":
		return "id:" + strings.ToLower(ident.ID)
	case ident != nil && ident.label() != "":
		return "name:" + ident.label()
	case i >= 0:
		return "#" + strconv.Itoa(i)
	}
	return ""
}

// SideOf returns the endpoints of a segment, falling back to its session's
// when the segment has none of its own.
func SideOf(se *Session, sg *Segment) (caller, callee *Endpoint) {
	caller, callee = &sg.Caller, &sg.Callee
	if !caller.Present {
		caller = &se.Caller
	}
	if !callee.Present {
		callee = &se.Callee
	}
	return caller, callee
}

// leg is what reports say about one segment: the labels of its ends and
// the person it is for, worked out once for all the segment's streams.
type leg struct {
	caller, callee string
	person         *Endpoint // see legParty; nil when none
	services       bool      // neither end is a person
}

func (n *Names) leg(se *Session, sg *Segment) leg {
	caller, callee := SideOf(se, sg)
	return leg{caller: n.Label(caller), callee: n.Label(callee), person: legParty(se, caller, callee),
		services: !caller.isPerson() && !callee.isPerson()}
}

// eachStream calls fn for every stream in source order, with the leg that
// carries it.
func (r *Record) eachStream(fn func(se *Session, sg *Segment, m *Media, st *Stream, leg leg)) {
	names := r.Names()
	for _, se := range r.Sessions {
		eachStreamOf(names, se, func(sg *Segment, m *Media, st *Stream, leg leg) { fn(se, sg, m, st, leg) })
	}
}

// eachStreamOf is eachStream for one session.
func eachStreamOf(names *Names, se *Session, fn func(sg *Segment, m *Media, st *Stream, leg leg)) {
	for _, sg := range se.Segments {
		if len(sg.Media) == 0 {
			continue
		}
		leg := names.leg(se, sg)
		for _, m := range sg.Media {
			for _, st := range m.Streams {
				fn(sg, m, st, leg)
			}
		}
	}
}

// Streams flattens every stream with who sent it to whom.
func (r *Record) Streams() []StreamRow {
	var rows []StreamRow
	names := r.Names()
	r.eachStream(func(se *Session, sg *Segment, m *Media, st *Stream, leg leg) {
		row := StreamRow{
			Session: se.ID, Segment: sg.ID, Media: m.Label, StreamID: st.StreamID,
			Direction: st.Direction, Kind: st.Kind.String(), Verdict: st.Quality.Verdict.String(),
			Reasons: reasonTexts(st.Quality.Reasons), Caller: leg.caller, Callee: leg.callee,
			from: leg.caller, to: leg.callee,
		}
		if strings.EqualFold(st.Direction, "calleeToCaller") {
			row.from, row.to = leg.callee, leg.caller
		}
		// A leg between services (conference server, mediation server,
		// gateway) says whom it serves: a meeting has many alike.
		if leg.services && leg.person != nil {
			if p := names.Name(leg.person); p != "" {
				row.to += " (for " + p + ")"
			}
		}
		rows = append(rows, row)
	})
	return rows
}

func reasonTexts(rs []Reason) []string {
	out := make([]string, len(rs))
	for i, r := range rs {
		out[i] = r.Text()
	}
	return out
}

// Failures lists the failureInfo of sessions and segments; a segment's that
// only repeats its session's is not listed twice (see OwnFailure).
func (r *Record) Failures() []FailureRow {
	var rows []FailureRow
	names := r.Names()
	for _, se := range r.Sessions {
		if f := se.Failure; f != nil {
			rows = append(rows, FailureRow{Session: se.ID, Stage: f.Stage, Reason: f.Reason,
				who: names.SessionWho(se), Leg: names.Label(&se.Caller) + " → " + names.Label(&se.Callee), se: se})
		}
		for _, sg := range se.Segments {
			if f := sg.OwnFailure(se); f != nil {
				caller, callee := SideOf(se, sg)
				rows = append(rows, FailureRow{Session: se.ID, Segment: sg.ID, Stage: f.Stage, Reason: f.Reason,
					who: names.LegWho(se, caller, callee), Leg: names.Label(caller) + " → " + names.Label(callee), se: se, sg: sg})
			}
		}
	}
	return rows
}
