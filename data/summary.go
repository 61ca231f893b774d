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

	who string
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

// OrganizerName is the organizer's display name or number, or "".
func (r *Record) OrganizerName() string { return r.Organizer.Identity.Name() }

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
	for _, se := range r.Sessions {
		for _, e := range []*Endpoint{&se.Caller, &se.Callee} {
			if e.Kind != EndpointParticipant {
				continue
			}
			if k := participantKey("", e.Ident(), -1); k != "" {
				seen[k] = true
			} else if n := e.Name(); n != "" {
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

// EndpointLabel is an endpoint's name, or a placeholder saying it is unnamed.
func EndpointLabel(e *Endpoint) string {
	if n := e.Name(); n != "" {
		return n
	}
	if e.Kind == EndpointService {
		return "Service"
	}
	return "(unnamed)"
}

// EachStream calls fn for every stream in source order, with the names of
// the caller and callee that apply to it (the segment's, else the session's).
func (r *Record) EachStream(fn func(se *Session, sg *Segment, m *Media, st *Stream, caller, callee string)) {
	for _, se := range r.Sessions {
		eachStreamOf(se, func(sg *Segment, m *Media, st *Stream, cn, ce string) { fn(se, sg, m, st, cn, ce) })
	}
}

// eachStreamOf is EachStream for one session.
func eachStreamOf(se *Session, fn func(sg *Segment, m *Media, st *Stream, caller, callee string)) {
	for _, sg := range se.Segments {
		caller, callee := SideOf(se, sg)
		cn, ce := EndpointLabel(caller), EndpointLabel(callee)
		for _, m := range sg.Media {
			for _, st := range m.Streams {
				fn(sg, m, st, cn, ce)
			}
		}
	}
}

// Streams flattens every stream with who sent it to whom.
func (r *Record) Streams() []StreamRow {
	var rows []StreamRow
	r.EachStream(func(se *Session, sg *Segment, m *Media, st *Stream, cn, ce string) {
		row := StreamRow{
			Session: se.ID, Segment: sg.ID, Media: m.Label, StreamID: st.StreamID,
			Direction: st.Direction, Kind: st.Kind.String(), Verdict: st.Quality.Verdict.String(),
			Reasons: reasonTexts(st.Quality.Reasons), Caller: cn, Callee: ce,
			from: cn, to: ce,
		}
		if strings.EqualFold(st.Direction, "calleeToCaller") {
			row.from, row.to = ce, cn
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
	for _, se := range r.Sessions {
		who := SessionWho(se)
		if f := se.Failure; f != nil {
			rows = append(rows, FailureRow{Session: se.ID, Stage: f.Stage, Reason: f.Reason, who: who})
		}
		for _, sg := range se.Segments {
			if f := sg.OwnFailure(se); f != nil {
				rows = append(rows, FailureRow{Session: se.ID, Segment: sg.ID, Stage: f.Stage, Reason: f.Reason, who: who})
			}
		}
	}
	return rows
}

// SessionWho names a session by its participant: the endpoint that is a
// person rather than a service, else "caller → callee".
func SessionWho(se *Session) string {
	if se.Caller.Kind == EndpointParticipant && se.Callee.Kind != EndpointParticipant {
		return EndpointLabel(&se.Caller)
	}
	if se.Callee.Kind == EndpointParticipant && se.Caller.Kind != EndpointParticipant {
		return EndpointLabel(&se.Callee)
	}
	return EndpointLabel(&se.Caller) + " → " + EndpointLabel(&se.Callee)
}
