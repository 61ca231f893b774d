package data

import (
	"strings"
)

// nameEntry is what a record says about one identity id.
type nameEntry struct {
	Key    string // the participant it belongs to, as in Person.Key
	ID     string // the participant's id as the record spells it
	Name   string // display name or phone number; "" when nothing names it
	UPN    string
	Tenant string
	Kind   string // in words: user, phone, guest, resource account, ...
}

// Names is a record's index of who its ids are: lower-cased id → entry, from
// participants_v2 and organizer_v2 (each entry under its own id and every
// identity id inside it), the deprecated participants and organizer, and
// the endpoints that carry a name. Since Graph stopped returning endpoint
// identities (2026-06-30) an endpoint often has only an id: the record
// names it elsewhere. Build it once (Record.Names); it is read-only after.
type Names struct {
	byID map[string]*nameEntry
}

// Names is the record's index of names, built on first use.
func (r *Record) Names() *Names {
	r.namesOnce.Do(func() { r.names = buildNames(r) })
	return r.names
}

func buildNames(r *Record) *Names {
	n := &Names{byID: make(map[string]*nameEntry, 2*len(r.Participants)+4)}
	// First come, first kept: the v2 lists, then the deprecated ones, then
	// what the endpoints themselves say.
	for i := range r.Participants {
		n.addParticipant(&r.Participants[i], i)
	}
	n.addParticipant(&r.Organizer, -1)
	for i := range r.OldParticipants {
		n.addParticipant(&r.OldParticipants[i], -1)
	}
	n.addParticipant(&r.OldOrganizer, -1)
	for _, se := range r.Sessions {
		se.Endpoints(n.addEndpoint)
	}
	return n
}

// addParticipant files a participant under its id and every identity id in
// it; i is its place in Record.Participants, -1 for the organizer and the
// deprecated lists (whose entries are nobody's Person).
func (n *Names) addParticipant(p *Participant, i int) {
	name := p.Identity.Label()
	if i < 0 && n.knows(p, name) {
		return // the v2 lists said it all: nothing to allocate
	}
	prim := p.Identity.Primary()
	w := &nameEntry{ID: p.ID, Name: name}
	if i >= 0 {
		w.Key = participantKey(p.ID, prim, i)
	}
	if prim != nil {
		w.Kind = IdentityKindWords(prim.Kind)
		if w.ID == "" {
			w.ID = prim.ID
		}
	}
	for _, id := range p.Identity {
		if w.UPN == "" {
			w.UPN = id.UserPrincipalName
		}
		if w.Tenant == "" {
			w.Tenant = id.TenantID
		}
	}
	n.add(p.ID, w)
	for _, id := range p.Identity {
		n.add(id.ID, w)
	}
}

// knows tells whether every id of p is filed already, named when p names it.
func (n *Names) knows(p *Participant, name string) bool {
	known := func(id string) bool {
		w := n.lookupID(id)
		return id == "" || (w != nil && (w.Name != "" || name == ""))
	}
	if !known(p.ID) {
		return false
	}
	for _, id := range p.Identity {
		if !known(id.ID) {
			return false
		}
	}
	return true
}

// addEndpoint indexes what an endpoint says about its own ids, so that an
// endpoint named in one session names the same id in another. Most ids are
// known by then: nothing is allocated for them.
func (n *Names) addEndpoint(e *Endpoint) {
	if a := e.AssociatedIdentity; a != nil && a.ID != "" {
		n.addOwn(a.ID, a.DisplayName, a.UserPrincipalName, "")
	}
	for _, id := range e.Identity {
		if id.ID != "" {
			n.addOwn(id.ID, id.label(), id.UserPrincipalName, IdentityKindWords(id.Kind))
		}
	}
}

func (n *Names) addOwn(id, name, upn, kind string) {
	if w := n.byID[lowerID(id)]; w != nil && (w.Name != "" || name == "") {
		return
	}
	n.add(id, &nameEntry{Key: "id:" + lowerID(id), ID: id, Name: name, UPN: upn, Kind: kind})
}

// add files w under id; an id already known only gains what it lacked.
func (n *Names) add(id string, w *nameEntry) {
	if id == "" {
		return
	}
	k := lowerID(id)
	old := n.byID[k]
	if old == nil {
		n.byID[k] = w
		return
	}
	if old.Name == "" {
		old.Name = w.Name
	}
	if old.UPN == "" {
		old.UPN = w.UPN
	}
	if old.Kind == "" {
		old.Kind = w.Kind
	}
}

// lowerID folds an id's case; ids are mostly lower-case already, which
// costs nothing.
func lowerID(id string) string { return strings.ToLower(id) }

// lookupID is what the record says about an id, or nil.
func (n *Names) lookupID(id string) *nameEntry {
	if id == "" {
		return nil
	}
	return n.byID[lowerID(id)]
}

// lookup finds the entry of an endpoint's identity ids, a named one if
// any is, or nil.
func (n *Names) lookup(e *Endpoint) *nameEntry {
	var found *nameEntry
	try := func(id string) bool {
		if w := n.lookupID(id); w != nil && (found == nil || w.Name != "") {
			found = w
		}
		return found != nil && found.Name != ""
	}
	if a := e.AssociatedIdentity; a != nil && try(a.ID) {
		return found
	}
	for _, id := range e.Identity {
		if try(id.ID) {
			break
		}
	}
	return found
}

// Name is what to call an endpoint, first that exists: its
// associatedIdentity's display name; its identity set's; what the record
// says about its ids elsewhere (participants_v2, organizer_v2, other
// endpoints); its service role in words; what it is and its id ("user
// 5d2a…", or a phone number); its user agent. "" only when the endpoint
// says nothing at all.
func (n *Names) Name(e *Endpoint) string {
	if a := e.AssociatedIdentity; a != nil && a.DisplayName != "" {
		return a.DisplayName
	}
	if s := e.Identity.Label(); s != "" {
		return s
	}
	w := n.lookup(e)
	if w != nil && w.Name != "" {
		return w.Name
	}
	if e.UserAgent.Role != "" {
		return serviceName(&e.UserAgent)
	}
	if s := idName(e, w); s != "" {
		return s
	}
	return e.UserAgent.HeaderValue
}

// serviceName is a service role in words, and for a PSTN gateway the SBC
// its user agent names: "PSTN gateway sbc1.contoso.com".
func serviceName(ua *UserAgent) string {
	words := RoleWords(ua.Role)
	if strings.EqualFold(ua.Role, "gateway") {
		if sbc := SBCName(ua.HeaderValue); sbc != "" {
			words += " " + sbc
		}
	}
	return words
}

// idName says what an endpoint is and its id when nothing names it: "user
// 5d2a…", or the number of a phone.
func idName(e *Endpoint, w *nameEntry) string {
	for _, id := range e.Identity {
		if id.ID != "" {
			return IdentityKindWords(id.Kind) + " " + id.ID
		}
	}
	a := e.AssociatedIdentity
	if a == nil || a.ID == "" {
		return ""
	}
	if IsPhoneNumber(a.ID) {
		return a.ID
	}
	kind := "user" // an associatedIdentity is a user's unless the record says otherwise
	if w != nil && w.Kind != "" {
		kind = w.Kind
	}
	return kind + " " + a.ID
}

// IsPhoneNumber tells an E.164 number ("+14255550123") from other ids.
func IsPhoneNumber(s string) bool {
	if len(s) < 4 || len(s) > 16 || s[0] != '+' {
		return false
	}
	for i := 1; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// ParticipantName is what to call a participants_v2 (or organizer, or
// deprecated participants) entry: its identity set's name, else what the
// record says about its ids elsewhere (an endpoint may name an id the entry
// leaves unnamed), else what it is and its id; "" for an empty entry.
func (n *Names) ParticipantName(p *Participant) string {
	if s := p.Identity.Label(); s != "" {
		return s
	}
	if w := n.lookupID(p.ID); w != nil && w.Name != "" {
		return w.Name
	}
	for _, id := range p.Identity {
		if w := n.lookupID(id.ID); w != nil && w.Name != "" {
			return w.Name
		}
	}
	if s := p.Identity.Name(); s != "" {
		return s
	}
	return p.ID
}

// Label is an endpoint's Name, or a placeholder saying it is unnamed.
func (n *Names) Label(e *Endpoint) string {
	if s := n.Name(e); s != "" {
		return s
	}
	if e.Kind == EndpointService {
		return "Service"
	}
	return "(unnamed)"
}

// Kind says what an endpoint is: "Conference server", "Auto attendant",
// "user", "phone", "guest", ...: its service role first, then the kind of
// its identity, on the endpoint or else in the record.
func (n *Names) Kind(e *Endpoint) string {
	if e.UserAgent.Role != "" {
		return RoleWords(e.UserAgent.Role)
	}
	if p := e.Identity.Primary(); p != nil {
		return IdentityKindWords(p.Kind)
	}
	if w := n.lookup(e); w != nil && w.Kind != "" {
		return w.Kind
	}
	if a := e.AssociatedIdentity; a != nil && (a.DisplayName != "" || a.ID != "") {
		if IsPhoneNumber(a.ID) {
			return "phone"
		}
		return "user"
	}
	return e.Kind.String()
}

// Identity is who an endpoint is, as far as the record says: its own
// identity, with the UPN, id and tenant the record gives elsewhere filled
// in.
func (n *Names) Identity(e *Endpoint) Identity {
	var id Identity
	if p := e.Ident(); p != nil {
		id = *p
	}
	if w := n.lookup(e); w != nil {
		if id.UserPrincipalName == "" {
			id.UserPrincipalName = w.UPN
		}
		if id.ID == "" {
			id.ID = w.ID
		}
		if id.TenantID == "" {
			id.TenantID = w.Tenant
		}
	}
	return id
}

// SessionWho names a session by its participant: the endpoint that is a
// person rather than a service, else "caller → callee".
func (n *Names) SessionWho(se *Session) string {
	if p := sessionPerson(se); p != nil {
		return n.Label(p)
	}
	return n.Label(&se.Caller) + " → " + n.Label(&se.Callee)
}

// sessionPerson is the one endpoint of a session that is a person, or nil.
func sessionPerson(se *Session) *Endpoint {
	return LegPerson(&se.Caller, &se.Callee)
}

// LegPerson is the one end of a leg that is a person, or nil when both or
// neither are.
func LegPerson(caller, callee *Endpoint) *Endpoint {
	switch cp, ep := caller.IsPerson(), callee.IsPerson(); {
	case cp && !ep:
		return caller
	case ep && !cp:
		return callee
	}
	return nil
}

// LegWho names a leg (a segment, or a session without segments): the
// person on it; for a leg through a PSTN gateway, the number and the SBC
// ("PSTN leg +14255550123 via sbc1.contoso.com"); else the ends, and
// whom a leg between services serves ("Conference server → Mediation
// server leg for +14255550123"): a meeting has many such legs.
func (n *Names) LegWho(se *Session, caller, callee *Endpoint) string {
	if p := LegPerson(caller, callee); p != nil {
		return n.Label(p)
	}
	gw := caller
	if !gw.IsGateway() {
		gw = callee
	}
	if gw.IsGateway() {
		s := "PSTN leg"
		if who := n.party(se); who != "" {
			s += " " + who
		}
		if sbc := SBCName(gw.UserAgent.HeaderValue); sbc != "" {
			s += " via " + sbc
		}
		return s
	}
	s := n.Label(caller) + " → " + n.Label(callee) + " leg"
	if !caller.IsPerson() && !callee.IsPerson() {
		if who := n.party(se); who != "" {
			s += " for " + who
		}
	}
	return s
}

// party is whom a session's legs between services serve: its phone
// number, else its one person; "" when the session names nobody.
func (n *Names) party(se *Session) string {
	if se == nil {
		return ""
	}
	for _, e := range []*Endpoint{&se.Caller, &se.Callee} {
		if name := n.Name(e); e.Kind == EndpointParticipant && IsPhoneNumber(name) {
			return name
		}
	}
	if p := sessionPerson(se); p != nil {
		return n.Name(p)
	}
	return ""
}

// LegParty is the person a leg is for: the person on it, else its
// session's person; nil when there is none.
func LegParty(se *Session, caller, callee *Endpoint) *Endpoint {
	if p := LegPerson(caller, callee); p != nil {
		return p
	}
	if caller.IsPerson() && callee.IsPerson() {
		return caller // peer to peer: the caller's side, as documented
	}
	if se != nil {
		if p := sessionPerson(se); p != nil {
			return p
		}
		if se.Caller.IsPerson() {
			return &se.Caller
		}
	}
	return nil
}
