package ui

import (
	"math"
	"strings"

	"github.com/callscope/callscope/data"
	"github.com/callscope/callscope/text"
)

// limits are the values of a pane that crossed a limit, by Graph field,
// with how bad: the verdict's reasons and the findings' metrics. The pane
// paints those values in the verdict's colour with its mark beside them,
// so that they stand out without colour too (NO_COLOR).
type limits map[string]data.Severity

func (l limits) add(metric string, sev data.Severity) {
	if metric == "" || sev < data.Warning {
		return // information is no limit crossed (a muted speaker)
	}
	if old, ok := l[metric]; !ok || sev > old {
		l[metric] = sev
	}
}

// streamLimits are a stream's: every reason of a poor verdict (✗), the
// legacy notes (!), and the findings at the stream (Microsoft's network
// targets: ! or ✗ as the finding says).
func streamLimits(s *data.Stream, fs []data.Finding) limits {
	l := limits{}
	if s.Quality.Verdict == data.Poor {
		for _, r := range s.Quality.Reasons {
			l.add(r.Metric, data.Problem)
		}
	}
	for _, r := range s.Quality.Notes {
		l.add(r.Metric, data.Warning)
	}
	for _, f := range fs {
		l.add(f.Metric, f.Severity)
	}
	return l
}

// sideLimits are one side's device and network values that crossed a
// limit: the media's findings about that side (who), not its streams'.
// Findings name a side by its label, so two sides with one label (two
// unnamed endpoints) share their marks.
func sideLimits(fs []data.Finding, who string) limits {
	l := limits{}
	for _, f := range fs {
		if f.At.St < 0 && f.Who == who {
			l.add(f.Metric, f.Severity)
		}
	}
	return l
}

// limitMark is the mark and colour of a value that crossed a limit.
func limitMark(sev data.Severity, st styles) (string, paint) {
	if sev == data.Problem {
		return markProblem, st.poor
	}
	return markWarning, st.warning
}

// show is a value as shown: painted with its mark when its metric
// crossed a limit, else as it is.
func (l limits) show(metric, value string, st styles) string {
	sev, ok := l[metric]
	if !ok || value == dash {
		return value
	}
	sym, style := limitMark(sev, st)
	return style.Render(value + " " + sym)
}

// gauge draws a 0..1 ratio as a ten-cell bar and its percentage; a ratio
// that crossed a limit is painted as show paints a value.
func (l limits) gauge(o data.Opt[float64], metric string, st styles) string {
	if !o.OK {
		return st.muted.Render(dash)
	}
	v := math.Max(0, math.Min(o.V, 1))
	full := int(math.Round(v * 10))
	if full == 0 && v > 0 {
		full = 1 // anything above zero shows
	}
	fill, pct := st.gaugeFull, text.FormatPercent(o.V)
	if sev, ok := l[metric]; ok {
		var sym string
		sym, fill = limitMark(sev, st)
		pct = fill.Render(pct + " " + sym)
	}
	return fill.Render(strings.Repeat("█", full)) + st.gaugeEmpty.Render(strings.Repeat("░", 10-full)) + " " + pct
}
