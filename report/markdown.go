package report

import (
	"bufio"
	"fmt"
	"github.com/callscope/callscope/data"
	"github.com/callscope/callscope/findings"
	"github.com/callscope/callscope/quality"
	"github.com/callscope/callscope/text"
	"strings"
	"time"
)

// RecordMarkdown is the markdown report of one record.
func RecordMarkdown(r *data.Record) string {
	var b strings.Builder
	w := bufio.NewWriter(&b)
	writeMarkdown(w, Build(r))
	w.Flush()
	return b.String()
}

func writeMarkdown(w *bufio.Writer, s *Sections) {
	facts := s.Call.Facts()
	fmt.Fprintf(w, "### Teams call %s\n\n", text.MarkdownCell(facts[0][1]))
	w.WriteString("| | |\n|---|---|\n")
	for _, f := range facts[1:] {
		fmt.Fprintf(w, "| **%s** | %s |\n", text.Markdown(f[0]), text.MarkdownCell(f[1]))
	}
	fmt.Fprintf(w, "| **Counts** | %s |\n", countsLine(s.Counts))
	fmt.Fprintf(w, "| **Streams** | %s |\n", verdictLine(s.Verdicts))

	if len(s.Poor) > 0 {
		fmt.Fprintf(w, "\n#### Poor streams (%d)\n\n| From → to | Media | Kind | Reasons |\n|---|---|---|---|\n", len(s.Poor))
		for _, p := range s.Poor {
			fmt.Fprintf(w, "| %s → %s | %s | %s | %s |\n", text.MarkdownCell(p.From), text.MarkdownCell(p.To), text.MarkdownCell(data.LabelWords(p.Media)),
				text.MarkdownCell(p.Kind), text.MarkdownCell(strings.Join(p.Reasons, "; ")))
		}
	}
	if len(s.Findings) > 0 {
		fmt.Fprintf(w, "\n#### Findings (%d)\n\n", len(s.Findings))
		shown, more := s.shownFindings()
		for _, f := range shown {
			fmt.Fprintf(w, "- **%s** %s\n", text.Markdown(f.Severity.String()), text.Markdown(f.String()))
		}
		if more > 0 {
			fmt.Fprintf(w, "- … and %d more\n", more)
		}
	}
	if len(s.Failures) > 0 {
		fmt.Fprintf(w, "\n#### Failures (%d)\n\n| Who | Where | Stage | Reason |\n|---|---|---|---|\n", len(s.Failures))
		for _, f := range s.Failures {
			fmt.Fprintf(w, "| %s | %s | %s | %s |\n", text.MarkdownCell(f.Who), f.where(), text.MarkdownCell(data.Words("failureStage", f.Stage)), text.MarkdownCell(f.Reason))
		}
	}
	writePSTNMarkdown(w, s.PSTN, s.pstnPaths)
	if len(s.Warnings) > 0 {
		fmt.Fprintf(w, "\n#### Warnings\n\n")
		for _, x := range s.Warnings {
			fmt.Fprintf(w, "- %s\n", text.Markdown(x))
		}
	}
	fmt.Fprintf(w, "\n_Stream verdicts by %s._\n", quality.CQDSource)
}

// NodeMarkdown summarises one node for a ticket: the call's report, or a
// session's, segment's, media's or stream's facts, verdicts and findings.
// Pass nil for the levels below the node.
func NodeMarkdown(r *data.Record, se *data.Session, sg *data.Segment, md *data.Media, st *data.Stream) string {
	if se == nil {
		return RecordMarkdown(r)
	}
	var b strings.Builder
	names := r.Names()
	// Every text, labels too (a media row names each side's network by its
	// participant), goes through mdText.
	row := func(label, value string) {
		fmt.Fprintf(&b, "| **%s** | %s |\n", text.Markdown(label), text.MarkdownCell(value))
	}
	table := func() { b.WriteString("| | |\n|---|---|\n") }
	switch {
	case st != nil:
		caller, callee := data.SideOf(se, sg)
		from, to := names.Label(caller), names.Label(callee)
		if strings.EqualFold(st.Direction, "calleeToCaller") {
			from, to = to, from
		}
		fmt.Fprintf(&b, "### Stream %s: %s → %s (%s)\n\n", text.Markdown(st.StreamID), text.Markdown(from), text.Markdown(to), text.Markdown(st.Kind.String()))
		fmt.Fprintf(&b, "**%s** — %s\n\n", text.Markdown(st.Quality.Verdict.String()), text.Markdown(strings.Join(reasonTexts(st.Quality.Reasons), "; ")))
		for _, n := range st.Quality.Notes {
			fmt.Fprintf(&b, "- note: %s\n", text.Markdown(n.Text()))
		}
		if len(st.Quality.Notes) > 0 {
			b.WriteString("\n") // a table must not touch a list
		}
		table()
		row("Call", r.ID)
		row("Session", se.ID)
		row("Media", data.LabelWords(md.Label))
		row("Codec", st.CodecWords())
		for _, m := range streamMetrics(st) {
			row(m[0], m[1])
		}
	case md != nil:
		fmt.Fprintf(&b, "### Media %s in the session of %s\n\n", text.Markdown(data.LabelWords(md.Label)), text.Markdown(names.SessionWho(se)))
		table()
		row("Call", r.ID)
		row("Session", se.ID)
		row("Streams", verdictLine(md.Quality))
		caller, callee := data.SideOf(se, sg)
		for _, side := range []struct {
			who string
			n   *data.Network
		}{{names.Label(caller), md.CallerNetwork}, {names.Label(callee), md.CalleeNetwork}} {
			if side.n != nil {
				row(side.who+" network", strings.Trim(data.Words("connectionType", side.n.ConnectionType)+", "+side.n.IPAddress, ", "))
			}
		}
		b.WriteString("\n")
		writeStreamList(&b, md.Streams)
	default:
		caller, callee := &se.Caller, &se.Callee
		title, facts := "Session", se.Quality
		start, dur, failure := se.Start, se.Duration(), se.Failure
		if sg != nil {
			caller, callee = data.SideOf(se, sg)
			title, facts, start, dur, failure = "Segment", sg.Quality, sg.Start, sg.Duration(), sg.Failure
		}
		fmt.Fprintf(&b, "### %s: %s → %s\n\n", title, text.Markdown(names.Label(caller)), text.Markdown(names.Label(callee)))
		table()
		row("Call", r.ID)
		row("Session", se.ID)
		row("Start", text.TimeText(start))
		row("Duration", text.FormatSpan(dur))
		row("Streams", verdictLine(facts))
		if failure != nil {
			row("Failed", data.Words("failureStage", failure.Stage)+": "+failure.Reason)
		}
		if sg == nil {
			if fs := findings.Session(r, se); len(fs) > 0 {
				b.WriteString("\n**Findings**\n\n")
				for _, f := range fs {
					fmt.Fprintf(&b, "- **%s** %s\n", text.Markdown(f.Severity.String()), text.Markdown(f.String()))
				}
			}
		}
	}
	return b.String()
}

func writeStreamList(b *strings.Builder, streams []*data.Stream) {
	for _, st := range streams {
		reason := ""
		if len(st.Quality.Reasons) > 0 {
			reason = " — " + text.Markdown(st.Quality.Reasons[0].Text())
		}
		fmt.Fprintf(b, "- stream %s (%s, %s): **%s**%s\n", text.Markdown(st.StreamID), text.Markdown(data.Words("direction", st.Direction)), text.Markdown(st.Kind.String()), text.Markdown(st.Quality.Verdict.String()), reason)
	}
}

// streamMetrics are a stream's metrics that the record has, with units.
func streamMetrics(st *data.Stream) [][2]string {
	var out [][2]string
	ms := func(label string, o data.Opt[time.Duration]) {
		if o.OK {
			out = append(out, [2]string{label, text.FormatMillis(o.V)})
		}
	}
	pct := func(label string, o data.Opt[float64]) {
		if o.OK {
			out = append(out, [2]string{label, text.FormatPercent(o.V)})
		}
	}
	num := func(label string, o data.Opt[float64], unit string) {
		if o.OK {
			out = append(out, [2]string{label, text.TrimFloat(o.V, 2) + unit})
		}
	}
	ms("Jitter (average)", st.AverageJitter)
	ms("Jitter (max)", st.MaxJitter)
	ms("Round trip (average)", st.AverageRoundTripTime)
	ms("Round trip (max)", st.MaxRoundTripTime)
	pct("Packet loss (average)", st.AveragePacketLossRate)
	pct("Packet loss (max)", st.MaxPacketLossRate)
	pct("Post-FEC packet loss", st.PostFECPacketLossRate)
	if st.PacketUtilization.OK {
		out = append(out, [2]string{"Packet utilization", fmt.Sprintf("%d packets", st.PacketUtilization.V)})
	}
	num("Audio degradation", st.AverageAudioDegradation, "")
	pct("Concealed samples (average)", st.AverageRatioOfConcealedSamples)
	num("Frame rate", st.AverageVideoFrameRate, " fps")
	num("Frame loss", st.AverageVideoFrameLossPercentage, " %")
	ms("Freeze (average)", st.AverageFreezeDuration)
	return out
}
