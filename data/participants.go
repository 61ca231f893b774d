package data

import (
	"slices"
	"strings"
)

// Person is one participant of a call, with what their sessions show.
type Person struct {
	Key      string // stable identity: "id:<id>" or "name:<name>"
	Name     string // display name or phone number
	Kind     string // user, phone, guest, bot, ... in words
	Sessions []int  // indices into Record.Sessions
	Quality  Rollup // over those sessions
	// Platforms and Connections seen on the participant's side of their
	// sessions, in first-seen order.
	Platforms, Connections []string
	// Networks are the networks on the participant's side of their
	// sessions' media, in source order (Connections are their types).
	Networks []*Network
}

// People lists the participants: participants_v2, else participants, else
// the distinct participant endpoints of the sessions. Sessions are matched
// to people by any identity id (the entry's own or one inside it, through
// the record's Names), else by name; people no session names keep an empty
// session list (a list response holds no sessions). A person whose
// endpoint has a service role (an auto attendant, a call queue, a bot) is
// of that kind.
func (r *Record) People() []Person {
	var people []Person
	names := r.Names()
	index := map[string]int{}
	add := func(key, name, kind string) int {
		if i, ok := index[key]; ok {
			return i
		}
		index[key] = len(people)
		people = append(people, Person{Key: key, Name: name, Kind: kind})
		return len(people) - 1
	}
	for i, p := range r.Participants {
		id := p.Identity.Primary()
		kind := "participant"
		if id != nil {
			kind = IdentityKindWords(id.Kind)
		}
		add(participantKey(p.ID, id, i), names.ParticipantName(&p), kind)
	}
	for si, se := range r.Sessions {
		for _, e := range []*Endpoint{&se.Caller, &se.Callee} {
			if e.Kind != EndpointParticipant {
				continue
			}
			i, ok := personOf(names, e, index)
			if !ok {
				// Someone the participant list does not name: keep them too.
				key := participantKey("", e.Ident(), -1)
				if key == "" {
					key = "name:" + names.Label(e)
				}
				i = add(key, names.Label(e), names.Kind(e))
			}
			p := &people[i]
			if e.UserAgent.Role != "" {
				p.Kind = RoleWords(e.UserAgent.Role)
			}
			if len(p.Sessions) == 0 || p.Sessions[len(p.Sessions)-1] != si {
				p.Sessions = append(p.Sessions, si)
				p.Quality.Add(se.Quality)
			}
			p.Platforms = appendNew(p.Platforms, e.UserAgent.Platform)
			// The connection is the network on this person's side of each
			// segment: a PSTN session's segments are between services.
			for _, sg := range se.Segments {
				caller, callee := SideOf(se, sg)
				for _, m := range sg.Media {
					for _, side := range []struct {
						e *Endpoint
						n *Network
					}{{caller, m.CallerNetwork}, {callee, m.CalleeNetwork}} {
						if side.n == nil || side.e.Kind != EndpointParticipant {
							continue
						}
						if j, ok := personOf(names, side.e, index); ok && j == i {
							p.Connections = appendNew(p.Connections, side.n.ConnectionType)
							p.Networks = append(p.Networks, side.n)
						}
					}
				}
			}
		}
	}
	return people
}

// personOf finds the person an endpoint is: by the participant the record
// files any of its identity ids under, by the id itself, else by name.
func personOf(names *Names, e *Endpoint, index map[string]int) (int, bool) {
	if w := names.lookup(e); w != nil {
		if i, ok := index[w.Key]; ok {
			return i, true
		}
	}
	var ids []string
	if e.AssociatedIdentity != nil {
		ids = append(ids, e.AssociatedIdentity.ID)
	}
	for _, id := range e.Identity {
		ids = append(ids, id.ID)
	}
	for _, id := range ids {
		if id == "" {
			continue
		}
		if i, ok := index["id:"+strings.ToLower(id)]; ok {
			return i, true
		}
	}
	if n := names.Name(e); n != "" {
		if i, ok := index["name:"+n]; ok {
			return i, true
		}
	}
	return 0, false
}

func appendNew(list []string, s string) []string {
	if s == "" || strings.EqualFold(s, "unknown") || slices.Contains(list, s) {
		return list
	}
	return append(list, s)
}

// Has tells whether session (an index into Record.Sessions) is the person's.
func (p Person) Has(session int) bool { return slices.Contains(p.Sessions, session) }
