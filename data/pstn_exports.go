package data

// What package pstn needs from this one beyond its model: the SBC a
// gateway's user agent names, and whether an endpoint is a gateway.

// SBCName is the session border controller a PSTN gateway's user agent
// header names: "sbc1.contoso.com" in "sbc1.contoso.com/1.0", else the
// product ("AudioCodes" in "AudioCodes/7.40A.500.775"); "" when it names
// neither. The same rule names legs ("PSTN leg +1425… via sbc1.contoso.com").
func SBCName(header string) string { return sbcName(header) }

// IsGateway tells whether an endpoint is a PSTN gateway (an SBC): its
// service role is "gateway".
func (e *Endpoint) IsGateway() bool { return e.isGateway() }
