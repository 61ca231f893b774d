package pstn

import (
	"bufio"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/charmbracelet/x/ansi"

	"github.com/callscope/callscope/text"
	"time"
)

// Facts are what a row says about its call, as label and value pairs in
// the order a details pane shows them; only what the row holds. Values
// are record text: clean them for the format they are written in.
func Facts(r *Row) [][2]string {
	var out [][2]string
	add := func(label, v string) {
		if strings.TrimSpace(v) != "" {
			out = append(out, [2]string{label, v})
		}
	}
	addTime := func(label string, t time.Time) {
		if !t.IsZero() {
			add(label, text.TimeText(t))
		}
	}
	from, to := r.Numbers()
	// call is what both logs say of a call: its type, its ends, its length.
	call := func(callType string) {
		add("Call type", callType)
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

// WriteText writes what the logs say about the calls of a file, for the
// text report: each leg's rows with their facts, the rows that fit no leg,
// and for a call with PSTN legs and no rows, why. Calls without PSTN legs
// or rows, and calls whose logs were not fetched or given, are left out;
// nothing is written when none is left.
func WriteText(w io.Writer, calls []*Call) error {
	bw := bufio.NewWriter(w)
	var said bool
	for i, c := range calls {
		if c.Status == NoLegs || c.Status == NotFetched {
			continue
		}
		if !said {
			bw.WriteString("\nPSTN and Direct Routing logs\n")
			said = true
		}
		if len(calls) > 1 {
			fmt.Fprintf(bw, "  Call %d (%s)\n", i+1, orDash(text.Clean(c.Record.ID)))
		}
		fs := c.Findings()
		for j, m := range c.Matches {
			f := fs[j]
			mark := ""
			if m.Row.Failed() {
				mark = "✗ "
			}
			fmt.Fprintf(bw, "  %s%s [%s]\n", mark, text.Clean(f.String()), f.Severity)
			fmt.Fprintf(bw, "    %s row, matched by %s\n", m.Row.Kind, m.By)
			writeFacts(bw, m.Row)
		}
		if len(c.Unmatched) > 0 {
			fmt.Fprintf(bw, "  Rows about this call that fit no PSTN leg (%d)\n", len(c.Unmatched))
			for _, u := range c.Unmatched {
				cells := Cells(u.Row)
				fmt.Fprintf(bw, "    %s %s %s %s: %s\n", cells[0], cells[1], cells[3], cells[5], text.Clean(u.Why))
			}
		}
		if c.Note != "" {
			fmt.Fprintf(bw, "  %s: %s\n", c.Status, text.Clean(c.Note))
		}
		for _, s := range c.Sources {
			if s.From.IsZero() {
				continue
			}
			fmt.Fprintf(bw, "  %s %s…%s: %s", text.Clean(s.Name), text.TimeText(s.From), text.TimeText(s.To), s.Status)
			if s.Status == Fetched {
				fmt.Fprintf(bw, ", %s in the window, %d about this call", text.Plural(s.Total, "row"), len(s.Rows))
			}
			bw.WriteString("\n")
		}
	}
	return bw.Flush()
}

// factsWidth is where writeFacts breaks its lines, in terminal cells.
const factsWidth = 100

// writeFacts writes a row's facts, "label value" joined by " · ", on lines
// of at most factsWidth cells where the facts allow.
func writeFacts(bw *bufio.Writer, r *Row) {
	const indent = "    "
	line := ""
	for _, f := range Facts(r) {
		part := text.Clean(f[0] + " " + f[1])
		switch {
		case line == "":
			line = part
		case ansi.StringWidth(indent+line+" · "+part) > factsWidth:
			bw.WriteString(indent + line + "\n")
			line = part
		default:
			line += " · " + part
		}
	}
	if line != "" {
		bw.WriteString(indent + line + "\n")
	}
}
