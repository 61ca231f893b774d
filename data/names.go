package data

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// identityOrder is the reference's fallback chain for display names; kinds
// not listed (acsUser, spoolUser, encrypted, ...) come after, in source order.
var identityOrder = []string{"user", "phone", "guest", "applicationInstance", "application"}

// Name is the best display name in an identity set, or "".
func (s IdentitySet) Name() string {
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
	// No display name anywhere: say what it is and its id.
	for _, id := range s {
		if id.ID != "" {
			return IdentityKindWords(id.Kind) + " " + id.ID
		}
	}
	return ""
}

// Primary is the identity the name came from, or nil.
func (s IdentitySet) Primary() *Identity {
	name := s.Name()
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
	return splitCamel(kind)
}

// Name is what to call an endpoint: identity first, then the service role,
// then the user agent; "" only when the endpoint says nothing at all.
func (e *Endpoint) Name() string {
	if e.AssociatedIdentity != nil && e.AssociatedIdentity.DisplayName != "" {
		return e.AssociatedIdentity.DisplayName
	}
	if n := e.Identity.Name(); n != "" {
		return n
	}
	if e.UserAgent.Role != "" {
		return RoleWords(e.UserAgent.Role)
	}
	return e.UserAgent.HeaderValue
}

// KindWords says what an endpoint is: "user", "phone", "conference server", ...
func (e *Endpoint) KindWords() string {
	// The identity set says what kind of identity it is (a guest, a phone);
	// an associatedIdentity alone is a user's.
	if p := e.Identity.Primary(); p != nil {
		return IdentityKindWords(p.Kind)
	}
	if e.AssociatedIdentity != nil && e.AssociatedIdentity.DisplayName != "" {
		return "user"
	}
	if e.UserAgent.Role != "" {
		return RoleWords(e.UserAgent.Role)
	}
	return e.Kind.String()
}

// Ident is the identity that names a person on the endpoint, or nil.
func (e *Endpoint) Ident() *Identity {
	if e.AssociatedIdentity != nil {
		return e.AssociatedIdentity
	}
	return e.Identity.Primary()
}

// roleWords names serviceRole values; unknown roles are split into words.
var roleWords = map[string]string{
	"skypeforbusinessaudiovideomcu":                           "Conference server",
	"skypeforbusinessapplicationsharingmcu":                   "App sharing server",
	"skypeforbusinessmicrosoftteamsgateway":                   "Teams gateway",
	"skypeforbusinesscallqueues":                              "Call queue",
	"skypeforbusinessautoattendant":                           "Auto attendant",
	"mediationserver":                                         "Mediation server",
	"mediationservercloudconnectoredition":                    "Mediation server (CCE)",
	"exchangeunifiedmessagingservice":                         "Exchange UM",
	"mediacontroller":                                         "Media controller",
	"conferencingannouncementservice":                         "Announcement service",
	"conferencingattendant":                                   "Conferencing attendant",
	"audioteleconferencercontroller":                          "Audio conferencing",
	"skypeforbusinessunifiedcommunicationapplicationplatform": "UCAP",
	"responsegroupserviceannouncementservice":                 "Response group announcements",
	"gateway":                   "PSTN gateway",
	"skypetranslator":           "Translator",
	"skypeforbusinessattendant": "Attendant",
	"responsegroupservice":      "Response group",
	"voicemail":                 "Voicemail",
	"custombot":                 "Bot",
	"unknown":                   "Service",
	"unknownfuturevalue":        "Service",
}

// RoleWords names a service role: "skypeForBusinessAudioVideoMcu" → "Conference server".
func RoleWords(role string) string {
	if w, ok := roleWords[strings.ToLower(role)]; ok {
		return w
	}
	w := splitCamel(role)
	if w == "" {
		return "Service"
	}
	r, n := utf8.DecodeRuneInString(w) // the first letter, not the first byte
	return string(unicode.ToUpper(r)) + w[n:]
}

// splitCamel turns "skypeForBusinessCallQueues" into "skype for business
// call queues". Its input is record text (an unknown key or enum value), so
// its output is cleaned.
func splitCamel(s string) string {
	s = Clean(s)
	var b strings.Builder
	for i, r := range s {
		if unicode.IsUpper(r) && i > 0 {
			b.WriteByte(' ')
		}
		b.WriteRune(unicode.ToLower(r))
	}
	return b.String()
}

// inferEndpointKinds applies the reference's rules when @odata.type is absent.
func (e *Endpoint) inferKinds(hasParticipantFields bool) {
	switch t := strings.ToLower(e.UserAgent.ODataType); {
	case strings.HasSuffix(t, "serviceuseragent"):
		e.UserAgent.Kind = EndpointService
	case strings.HasSuffix(t, "clientuseragent"):
		e.UserAgent.Kind = EndpointParticipant
	case e.UserAgent.Role != "":
		e.UserAgent.Kind = EndpointService
	case e.UserAgent.Platform != "" || e.UserAgent.ProductFamily != "":
		e.UserAgent.Kind = EndpointParticipant
	}
	switch t := strings.ToLower(e.ODataType); {
	case strings.HasSuffix(t, "participantendpoint"):
		e.Kind = EndpointParticipant
	case strings.HasSuffix(t, "serviceendpoint"):
		e.Kind = EndpointService
	case hasParticipantFields:
		e.Kind = EndpointParticipant
	default:
		e.Kind = EndpointService
	}
}
