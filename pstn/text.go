package pstn

import (
	"strconv"
	"strings"
	"time"

	"github.com/callscope/callscope/data"
	"github.com/callscope/callscope/text"
)

// Facts are what a row says about its call, as label and value pairs in
// the order a details pane shows them; only what the row holds; times as
// timeText writes them (text.TimeText, or the explorer's --local zone).
// Values are record text: clean them for the format they are written in.
func Facts(r *Row, timeText func(time.Time) string) [][2]string {
	var out [][2]string
	add := func(label, v string) {
		if strings.TrimSpace(v) != "" {
			out = append(out, [2]string{label, v})
		}
	}
	addTime := func(label string, t time.Time) {
		if !t.IsZero() {
			add(label, timeText(t))
		}
	}
	from, to := r.Numbers()
	// call is what both logs say of a call: its type, its ends, its length.
	call := func(callType string) {
		add("Call type", data.Words("callType", callType))
		add("Caller", from)
		add("Callee", to)
		if du := r.Duration(); du.OK {
			add("Duration", text.FormatSpan(du.V))
		}
	}
	switch {
	case r.DR != nil:
		d := r.DR
		add("Final SIP code", sipText(d))
		if d.SubReason.OK {
			add("Sub-reason", itoa(d.SubReason.V))
		}
		if d.Successful.OK {
			add("Established", yesNo(d.Successful.V))
		}
		add("Trunk", d.Trunk)
		if d.MediaBypass.OK {
			add("Media bypass", yesNo(d.MediaBypass.V))
		}
		add("Signalling location", d.Signaling)
		add("Media path location", d.MediaPath)
		call(d.CallType)
		addTime("Invite", d.Invite)
		addTime("Start", d.Start)
		addTime("Failure", d.Failure)
		addTime("End", d.End)
		add("Correlation id", d.CorrelationID)
	case r.CP != nil:
		c := r.CP
		call(c.CallType)
		addTime("Start", c.Start)
		addTime("End", c.End)
		if c.Charge.OK {
			add("Charge", strings.TrimSpace(strconv.FormatFloat(c.Charge.V, 'f', -1, 64)+" "+c.Currency))
		}
		add("Destination", strings.TrimSpace(c.DestinationName+" "+paren(c.DestinationContext)))
		add("Operator", c.Operator)
		add("Licence", c.LicenseCapability)
		add("Conference id", c.ConferenceID)
		add("SIP call id", c.CallID)
	default:
		add("From", from)
		add("To", to)
		add("Result", r.Result())
	}
	u := r.User()
	add("User", strings.TrimSpace(firstNonEmpty(u.Name, u.UPN, u.ID)+" "+paren(u.UPN)))
	return out
}

func yesNo(b bool) string {
	if b {
		return "yes"
	}
	return "no"
}

func paren(s string) string {
	if s == "" {
		return ""
	}
	return "(" + s + ")"
}
