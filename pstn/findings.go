package pstn

import (
	"strings"

	"github.com/callscope/callscope/data"
	"github.com/callscope/callscope/text"
)

// SIPRule is one line of the table that says how much a Direct Routing
// row's outcome matters.
type SIPRule struct {
	Codes    string // which outcomes
	Severity data.Severity
	Why      string
}

// SIPRules is how Severity judges a Direct Routing row, first that applies
// (RFC 3261 for the codes; Microsoft's Direct Routing docs for 487 with
// sub-reason 540200, "Call completed elsewhere", which the PSTN usage
// report records as an Attempt). The README's table is this one.
var SIPRules = []SIPRule{
	{"487 Request Terminated", data.Info,
		"cancelled before it was answered: the caller hung up while it rang, or another of the user's devices answered (sub-reason 540200, \"Call completed elsewhere\")"},
	{"480 Temporarily Unavailable, 486 Busy Here, 600 Busy Everywhere, 603 Decline", data.Warning,
		"the called party did not take the call: unreachable, busy or declined; worth a look when the customer says the call failed, not a fault on its own"},
	{"any other final SIP code of 300 or more", data.Problem,
		"the call was refused, or torn down after it was answered (it dropped): an SBC, trunk, carrier or Teams fault (403, 404, 408, 488, 500, 502, 503, 504, …)"},
	{"successfulCall false, without such a code", data.Problem,
		"Graph marks the call failed (an Attempt in the PSTN usage report) and gives no reason code"},
	{"anything else: established, ended with BYE, 0 or 200 OK", data.Info,
		"a normal call; how it ended (the phrase, the sub-reason) is information"},
}

// Severity judges a matched row by SIPRules, first that applies. Calling
// Plan rows say nothing of how a call ended: information.
func Severity(r *Row) data.Severity {
	d := r.DR
	if d == nil {
		return data.Info
	}
	code := int64(0)
	if d.SIPCode.OK {
		code = d.SIPCode.V
	}
	switch {
	case code == 487:
		return data.Info
	case code == 480 || code == 486 || code == 600 || code == 603:
		return data.Warning
	case code >= 300:
		return data.Problem
	case d.Successful.OK && !d.Successful.V:
		return data.Problem
	}
	return data.Info
}

// FindingText is what a matched row says, after its leg's name:
// "SIP 503 Service Unavailable, sub-reason 560503" for a Direct Routing row;
// "Calling Plan inbound call, 3m 39s, United States" for a Calling Plan row.
func FindingText(r *Row) string {
	switch {
	case r.DR != nil:
		d := r.DR
		s := "SIP " + sipText(d)
		if sipText(d) == "" {
			s = "no final SIP code"
			if d.Successful.OK && !d.Successful.V {
				s = "failed, " + s
			}
		}
		if d.SubReason.OK && d.SubReason.V != 0 {
			s += ", sub-reason " + itoa(d.SubReason.V)
		}
		return s
	case r.CP != nil:
		parts := []string{strings.Join(strings.Fields("Calling Plan "+data.Words("callType", r.CP.CallType)+" call"), " ")}
		if d := r.Duration(); d.OK {
			parts = append(parts, text.FormatSpan(d.V))
		}
		if r.CP.DestinationName != "" {
			parts = append(parts, r.CP.DestinationName)
		}
		return strings.Join(parts, ", ")
	}
	return r.Kind.String() + " row"
}

// Who names the leg a match is on; a match on the call as a whole is named
// from its row: "PSTN leg +14255550142 via sbc1.contoso.com".
func (c *Call) Who(m Match) string {
	if m.Leg >= 0 && m.Leg < len(c.Legs) {
		return c.Legs[m.Leg].Who
	}
	return pstnWho(rowParty(m.Row), m.Row.Trunk())
}

// rowParty is the number on the telephone network's side of a row: the
// caller of an inbound call, else the callee.
func rowParty(r *Row) string {
	from, to := r.Numbers()
	t := ""
	if r.DR != nil {
		t = r.DR.CallType
	} else if r.CP != nil {
		t = r.CP.CallType
	}
	if strings.Contains(strings.ToLower(t), "in") && !strings.Contains(strings.ToLower(t), "out") && from != "" {
		return from
	}
	if to != "" {
		return to
	}
	return from
}

// Findings are what the matched rows say, one per row, each at its leg
// (a match on the call as a whole at no session: At.Se is -1), in the
// matches' order: "PSTN leg +1425… via sbc1.contoso.com: SIP 503 Service
// Unavailable, sub-reason 560503". Texts are record text: clean them for
// the format they are written in.
func (c *Call) Findings() []data.Finding {
	out := make([]data.Finding, 0, len(c.Matches))
	for _, m := range c.Matches {
		f := data.Finding{Who: c.Who(m), Text: FindingText(m.Row), Severity: Severity(m.Row),
			At: data.Place{Se: -1, Sg: -1, Md: -1, St: -1}}
		if m.Leg >= 0 {
			leg := c.Legs[m.Leg]
			f.At = leg.Place()
			f.Session = c.Record.Sessions[leg.Session].ID
		}
		out = append(out, f)
	}
	return out
}

// SIPTable is SIPRules as the README's markdown table.
func SIPTable() string {
	var b strings.Builder
	b.WriteString("| outcome of a Direct Routing row | severity | why |\n|---|---|---|\n")
	for _, r := range SIPRules {
		b.WriteString("| " + r.Codes + " | " + r.Severity.String() + " | " + r.Why + " |\n")
	}
	return b.String()
}
