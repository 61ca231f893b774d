package data

// Who an identity is, and what an endpoint is.

import (
	"github.com/callscope/callscope/text"
	"strings"
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
