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
