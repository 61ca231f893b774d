package data

import (
	"github.com/callscope/callscope/text"
	"strings"
	"unicode"
	"unicode/utf8"
)

// identityOrder is the reference's fallback chain for display names; kinds
// not listed (acsUser, spoolUser, encrypted, ...) come after, in source order.
var identityOrder = []string{"user", "phone", "guest", "applicationInstance", "application"}

// Label is the best display name in an identity set (a phone's number), or
// "" when no member has one.
func (s IdentitySet) Label() string {
	for _, kind := range identityOrder {
		for _, id := range s {
			if strings.EqualFold(id.Kind, kind) {
				if n := id.label(); n != "" {
					return n
				}
			}
		}
	}
	for _, id := range s {
		if n := id.label(); n != "" {
			return n
		}
	}
	return ""
}

// Name is the set's Label, else what it is and its id ("user 5d2a…").
func (s IdentitySet) Name() string {
	if n := s.Label(); n != "" {
		return n
	}
	for _, id := range s {
		if id.ID != "" {
			return IdentityKindWords(id.Kind) + " " + id.ID
		}
	}
	return ""
}

// Primary is the identity the name came from, or nil.
func (s IdentitySet) Primary() *Identity {
	name := s.Label()
	for i := range s {
		if name != "" && s[i].label() == name {
			return &s[i]
		}
	}
	if len(s) > 0 {
		return &s[0]
	}
	return nil
}

// label is a phone identity's number (its id) or anyone else's display name.
func (id Identity) label() string {
	if strings.EqualFold(id.Kind, "phone") {
		if id.ID != "" {
			return id.ID
		}
	}
	if id.DisplayName != "" {
		return id.DisplayName
	}
	return ""
}

// IdentityKindWords names an identity kind for people.
func IdentityKindWords(kind string) string {
	switch strings.ToLower(kind) {
	case "user":
		return "user"
	case "phone":
		return "phone"
	case "guest":
		return "guest"
	case "application":
		return "application"
	case "applicationinstance":
		return "resource account"
	case "acsuser", "azurecommunicationservicesuser":
		return "ACS user"
	case "spooluser":
		return "Skype user"
	case "encrypted":
		return "encrypted"
	case "onpremises":
		return "on-premises user"
	case "device":
		return "device"
	}
	return text.SplitCamel(kind)
}

// Ident is the identity on the endpoint itself that names a person, or nil.
func (e *Endpoint) Ident() *Identity {
	if e.AssociatedIdentity != nil {
		return e.AssociatedIdentity
	}
	return e.Identity.Primary()
}

// IsPerson tells whether an endpoint is someone's client rather than a
// service. Auto attendants, call queues and bots are participant endpoints
// with a service user agent: their role makes them services.
func (e *Endpoint) IsPerson() bool {
	return e.Kind == EndpointParticipant && e.UserAgent.Role == "" && e.UserAgent.Kind != EndpointService
}

// IsGateway tells whether an endpoint is a PSTN gateway (an SBC): its
// service role is "gateway".
func (e *Endpoint) IsGateway() bool { return strings.EqualFold(e.UserAgent.Role, "gateway") }

// nameEntry is what a record says about one identity id.
type nameEntry struct {
	Key  string // the participant it belongs to, as in Person.Key
	ID   string // the participant's id as the record spells it
	Name string // display name or phone number; "" when nothing names it
	UPN  string
	Kind string // in words: user, phone, guest, resource account, ...
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
		n.addEndpoint(&se.Caller)
		n.addEndpoint(&se.Callee)
		for _, sg := range se.Segments {
			n.addEndpoint(&sg.Caller)
			n.addEndpoint(&sg.Callee)
		}
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
	if isPhoneNumber(a.ID) {
		return a.ID
	}
	kind := "user" // an associatedIdentity is a user's unless the record says otherwise
	if w != nil && w.Kind != "" {
		kind = w.Kind
	}
	return kind + " " + a.ID
}

// isPhoneNumber tells an E.164 number ("+14255550123") from other ids.
func isPhoneNumber(s string) bool {
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
		if isPhoneNumber(a.ID) {
			return "phone"
		}
		return "user"
	}
	return e.Kind.String()
}

// Identity is who an endpoint is, as far as the record says: its own
// identity, with the UPN and id the record gives elsewhere filled in.
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
		if name := n.Name(e); e.Kind == EndpointParticipant && isPhoneNumber(name) {
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

// SBCName is the session border controller a gateway's user agent names:
// the first host name in it ("sbc1.contoso.com" in
// "sbc1.contoso.com/1.0"), else the product before the first slash
// ("AudioCodes" in "AudioCodes/7.40A.500.775"); "" when it names neither.
// A host name has two or more dot-separated labels of letters, digits and
// hyphens, the last of letters only: versions and addresses are not hosts.
func SBCName(header string) string {
	header = text.Clean(header)
	for rest := header; rest != ""; {
		i := strings.IndexFunc(rest, isTokenEnd)
		if i < 0 {
			i = len(rest)
		}
		if tok := rest[:i]; isHostName(tok) {
			return tok
		}
		rest = strings.TrimLeftFunc(rest[i:], isTokenEnd)
	}
	product, _, _ := strings.Cut(header, "/")
	product = strings.TrimSpace(product)
	if strings.ContainsFunc(product, unicode.IsLetter) {
		return text.Truncate(product, 40)
	}
	return ""
}

// isTokenEnd ends a token of a user agent: "sbc1.contoso.com/1.0 (x; y)".
func isTokenEnd(r rune) bool {
	return r == '/' || r == ';' || r == ',' || r == '(' || r == ')' || r == '@' || r == '=' || unicode.IsSpace(r)
}

// isHostName tells a host name: two or more dot-separated labels of
// letters, digits and hyphens, the last of letters only.
func isHostName(s string) bool {
	s = strings.TrimSuffix(s, ".")
	if len(s) > 253 || !strings.Contains(s, ".") {
		return false
	}
	labelStart, letters := 0, true // letters: the label so far is letters only
	for i := 0; i <= len(s); i++ {
		if i == len(s) || s[i] == '.' {
			l := s[labelStart:i]
			if l == "" || len(l) > 63 || l[0] == '-' || l[len(l)-1] == '-' {
				return false
			}
			if i == len(s) {
				return letters && len(l) >= 2
			}
			labelStart, letters = i+1, true
			continue
		}
		switch c := s[i]; {
		case c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z':
		case c >= '0' && c <= '9' || c == '-':
			letters = false
		default:
			return false
		}
	}
	return false
}

// roleWords names serviceRole values, keyed as Graph spells them; unknown
// roles are split into words.
var roleWords = map[string]string{
	"skypeForBusinessAudioVideoMcu":                           "Conference server",
	"skypeForBusinessApplicationSharingMcu":                   "App sharing server",
	"skypeForBusinessMicrosoftTeamsGateway":                   "Teams gateway",
	"skypeForBusinessCallQueues":                              "Call queue",
	"skypeForBusinessAutoAttendant":                           "Auto attendant",
	"mediationServer":                                         "Mediation server",
	"mediationServerCloudConnectorEdition":                    "Mediation server (CCE)",
	"exchangeUnifiedMessagingService":                         "Exchange UM",
	"mediaController":                                         "Media controller",
	"conferencingAnnouncementService":                         "Announcement service",
	"conferencingAttendant":                                   "Conferencing attendant",
	"audioTeleconferencerController":                          "Audio conferencing",
	"skypeForBusinessUnifiedCommunicationApplicationPlatform": "UCAP",
	"responseGroupServiceAnnouncementService":                 "Response group announcements",
	"gateway":                   "PSTN gateway",
	"skypeTranslator":           "Translator",
	"skypeForBusinessAttendant": "Attendant",
	"responseGroupService":      "Response group",
	"voicemail":                 "Voicemail",
	"customBot":                 "Bot",
	"unknown":                   "Service",
	"unknownFutureValue":        "Service",
}

// roleWordsFolded is roleWords by lower-cased key, for other spellings.
var roleWordsFolded = func() map[string]string {
	m := make(map[string]string, len(roleWords))
	for k, v := range roleWords {
		m[strings.ToLower(k)] = v
	}
	return m
}()

// RoleWords names a service role: "skypeForBusinessAudioVideoMcu" → "Conference server".
func RoleWords(role string) string {
	// Graph's own spelling first: folding the case would allocate for every
	// service endpoint of a big meeting's report.
	if w, ok := roleWords[role]; ok {
		return w
	}
	if w, ok := roleWordsFolded[strings.ToLower(role)]; ok {
		return w
	}
	w := text.SplitCamel(role)
	if w == "" {
		return "Service"
	}
	// The first letter may take several bytes ("écouteurBot").
	r, size := utf8.DecodeRuneInString(w)
	return string(unicode.ToUpper(r)) + w[size:]
}
