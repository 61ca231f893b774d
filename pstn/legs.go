package pstn

import (
	"strings"
	"time"

	"github.com/callscope/callscope/data"
)

// Leg is a part of a call that went to the telephone network: a segment
// through a PSTN gateway (an SBC), else through a mediation server, else a
// session with a phone number on it.
type Leg struct {
	Session int      // index in Record.Sessions
	Segment int      // index in the session's Segments; -1: the session itself
	Who     string   // "PSTN leg +14255550142 via sbc1.contoso.com", as findings name legs
	Number  string   // the phone number it serves, E.164 as the record spells it; "" when none is known
	Numbers []string // every phone number on its session, for matching
	SBC     string   // the gateway's SBC named by its user agent; "" when none
	Start   time.Time
	End     time.Time
	Failure *data.Failure // the segment's (or session's) failureInfo, if any
}

// Place is where the leg is in its record, for findings and the tree.
func (l *Leg) Place() data.Place {
	return data.Place{Se: l.Session, Sg: l.Segment, Md: -1, St: -1}
}

func isMediation(e *data.Endpoint) bool {
	return strings.HasPrefix(strings.ToLower(e.UserAgent.Role), "mediationserver")
}

// Legs finds a record's PSTN legs, in the record's order: every segment
// with a PSTN gateway at one end; in a session without one, its first
// segment with a mediation server at one end; in a session with neither,
// the session itself when one of its ends is a phone number.
func Legs(r *data.Record) []*Leg {
	if legsHook != nil {
		legsHook()
	}
	names := r.Names()
	var legs []*Leg
	for si, se := range r.Sessions {
		numbers := sessionNumbers(names, se)
		number := ""
		if len(numbers) > 0 {
			number = numbers[0]
		}
		leg := func(gi int, sg *data.Segment, gw *data.Endpoint) *Leg {
			caller, callee := data.SideOf(se, sg)
			l := &Leg{Session: si, Segment: gi, Number: number, Numbers: numbers,
				Who: names.LegWho(se, caller, callee), Start: sg.Start, End: sg.End, Failure: sg.OwnFailure(se)}
			if l.Failure == nil {
				l.Failure = se.Failure
			}
			if gw != nil {
				l.SBC = data.SBCName(gw.UserAgent.HeaderValue)
			}
			if !strings.HasPrefix(l.Who, "PSTN leg") {
				l.Who = pstnWho(number, l.SBC)
			}
			return l
		}
		found := false
		for gi, sg := range se.Segments {
			caller, callee := data.SideOf(se, sg)
			switch {
			case caller.IsGateway():
				legs, found = append(legs, leg(gi, sg, caller)), true
			case callee.IsGateway():
				legs, found = append(legs, leg(gi, sg, callee)), true
			}
		}
		for gi, sg := range se.Segments {
			if found {
				break
			}
			if caller, callee := data.SideOf(se, sg); isMediation(caller) || isMediation(callee) {
				legs, found = append(legs, leg(gi, sg, nil)), true
			}
		}
		if !found && number != "" && (isPhone(names, &se.Caller) || isPhone(names, &se.Callee)) {
			legs = append(legs, &Leg{Session: si, Segment: -1, Who: pstnWho(number, ""), Number: number, Numbers: numbers,
				Start: se.Start, End: se.End, Failure: se.Failure})
		}
	}
	for _, l := range legs {
		if l.Start.IsZero() {
			l.Start = r.Start
		}
		if l.End.IsZero() {
			l.End = r.End
		}
	}
	return legs
}

// legsHook, when a test sets it, is called each time Legs runs: a fetch
// finds a record's legs once and passes them along (see AddToRecord).
var legsHook func()

// pstnWho names a leg the way data.Names.LegWho names a gateway leg.
func pstnWho(number, sbc string) string {
	s := "PSTN leg"
	if number != "" {
		s += " " + number
	}
	if sbc != "" {
		s += " via " + sbc
	}
	return s
}

// isPhone tells whether an endpoint is a phone number: a participant whose
// name or identity is one.
func isPhone(names *data.Names, e *data.Endpoint) bool {
	if !e.Present {
		return false
	}
	if names.Kind(e) == "phone" {
		return true
	}
	return e.Kind == data.EndpointParticipant && data.IsPhoneNumber(names.Name(e))
}

// sessionNumbers are the phone numbers a session's ends (and its segments'
// ends) name, the session's own first, each once.
func sessionNumbers(names *data.Names, se *data.Session) []string {
	var out []string
	add := func(e *data.Endpoint) {
		if !e.Present {
			return
		}
		for _, s := range endpointNumbers(names, e) {
			if !containsFold(out, s) {
				out = append(out, s)
			}
		}
	}
	se.Endpoints(add)
	return out
}

// endpointNumbers are the phone numbers an endpoint names: its name when
// that is a number, its phone identities, an associatedIdentity whose id
// is a number.
func endpointNumbers(names *data.Names, e *data.Endpoint) []string {
	var out []string
	if n := names.Name(e); data.IsPhoneNumber(n) && e.Kind == data.EndpointParticipant {
		out = append(out, n)
	}
	if a := e.AssociatedIdentity; a != nil && data.IsPhoneNumber(a.ID) {
		out = append(out, a.ID)
	}
	for _, id := range e.Identity {
		if strings.EqualFold(id.Kind, "phone") && id.ID != "" {
			out = append(out, id.ID)
		}
	}
	return out
}

func containsFold(ss []string, s string) bool {
	for _, x := range ss {
		if strings.EqualFold(x, s) {
			return true
		}
	}
	return false
}

// callIDs are the ids of the people and services on a call, lower-cased:
// participants_v2, the organizer and the endpoints' identities. A log row
// whose userId is one of them is about someone on the call.
func callIDs(r *data.Record) map[string]bool {
	ids := map[string]bool{}
	add := func(id string) {
		if id != "" {
			ids[strings.ToLower(id)] = true
		}
	}
	addSet := func(s data.IdentitySet) {
		for _, id := range s {
			add(id.ID)
		}
	}
	for _, p := range people(r) {
		add(p.ID)
		addSet(p.Identity)
	}
	ep := func(e *data.Endpoint) {
		if e.AssociatedIdentity != nil {
			add(e.AssociatedIdentity.ID)
		}
		addSet(e.Identity)
	}
	for _, se := range r.Sessions {
		se.Endpoints(ep)
	}
	return ids
}

// callNumbers are every phone number a record names.
func callNumbers(r *data.Record) []string {
	names := r.Names()
	var out []string
	for _, se := range r.Sessions {
		for _, n := range sessionNumbers(names, se) {
			if !containsFold(out, n) {
				out = append(out, n)
			}
		}
	}
	for _, p := range people(r) {
		for _, id := range p.Identity {
			if strings.EqualFold(id.Kind, "phone") && id.ID != "" && !containsFold(out, id.ID) {
				out = append(out, id.ID)
			}
		}
	}
	return out
}

// people are a record's participants: the organizer, participants_v2 and
// the deprecated lists, repeats and all.
func people(r *data.Record) []data.Participant {
	out := append([]data.Participant{r.Organizer, r.OldOrganizer}, r.Participants...)
	return append(out, r.OldParticipants...)
}
