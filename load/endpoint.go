package load

import (
	"github.com/callscope/callscope/data"
	"strings"
)

// inferKinds applies the reference's rules when @odata.type is absent.
func inferKinds(e *data.Endpoint, hasParticipantFields bool) {
	switch t := strings.ToLower(e.UserAgent.ODataType); {
	case strings.HasSuffix(t, "serviceuseragent"):
		e.UserAgent.Kind = data.EndpointService
	case strings.HasSuffix(t, "clientuseragent"):
		e.UserAgent.Kind = data.EndpointParticipant
	case e.UserAgent.Role != "":
		e.UserAgent.Kind = data.EndpointService
	case e.UserAgent.Platform != "" || e.UserAgent.ProductFamily != "":
		e.UserAgent.Kind = data.EndpointParticipant
	}
	switch t := strings.ToLower(e.ODataType); {
	case strings.HasSuffix(t, "participantendpoint"):
		e.Kind = data.EndpointParticipant
	case strings.HasSuffix(t, "serviceendpoint"):
		e.Kind = data.EndpointService
	case hasParticipantFields:
		e.Kind = data.EndpointParticipant
	default:
		e.Kind = data.EndpointService
	}
}
