// Package findings says in plain words what is worth a look in a call,
// from one table of rules with their sources: a device or network problem,
// a failure, poor feedback, a stream over Microsoft's network targets.
package findings

import (
	"fmt"
	"github.com/callscope/callscope/data"
	"github.com/callscope/callscope/internal/parallel"
	"github.com/callscope/callscope/text"
	"slices"
	"strings"
	"time"
)

// Compare says on which side of its limit a value is worth a finding.
type Compare uint8

const (
	Over    Compare = iota // above the limit; a value at it is not worth saying
	AtLeast                // at the limit or above: Call Analytics' device rule
	Under                  // below the limit
)

func (c Compare) String() string {
	switch c {
	case AtLeast:
		return "≥"
	case Under:
		return "<"
	}
	return ">"
}

// Rule is one row of the findings table: what is looked at, from
// which limit it is worth saying, and who says the limit matters.
type Rule struct {
	Metric   string  // Graph field
	Words    string  // what the finding says, before the value
	Limit    float64 // in the metric's unit (a fraction for ratios, seconds for times)
	Op       Compare // which side of the limit is worth saying
	Severity data.Severity
	Source   string
}

const (
	srcNotWorking = "Microsoft Teams: Use Call Analytics to troubleshoot poor call quality (Call Analytics marks a session poor on the device side at a ratio ≥ 0.005, 0.5 % of the call)"
	srcDevice     = "Graph deviceInfo: the fraction of the call the endpoint detected the problem; limit: callscope's choice (5 % of the call)"
	srcGlitch     = "Graph deviceInfo: glitches per 5 minutes; limit: callscope's choice"
	srcNetwork    = "Graph networkInfo: the fraction of the call the network caused the problem; limit: callscope's choice (5 % of the call)"
	srcTargets    = "Microsoft Teams network planning: client to Microsoft edge round trip < 100 ms, packet loss < 1 %, jitter < 30 ms"
	srcWifi       = "Graph networkInfo wifiSignalStrength (%); limit: callscope's choice (below 50 % is a weak signal)"
)

// Rules is the whole table; the README's findings table is made
// from it. Severity is decided here alone: a problem marks its session,
// segment and media ✗ as a poor stream does (see Rollup).
var Rules = []Rule{
	{"captureNotFunctioningEventRatio", "microphone not working", 0.005, AtLeast, data.Problem, srcNotWorking},
	{"renderNotFunctioningEventRatio", "speaker not working", 0.005, AtLeast, data.Problem, srcNotWorking},
	{"cpuInsufficentEventRatio", "CPU too busy", 0.05, Over, data.Warning, srcDevice},
	{"deviceClippingEventRatio", "microphone clipping", 0.05, Over, data.Warning, srcDevice},
	{"deviceGlitchEventRatio", "audio device glitches", 0.05, Over, data.Warning, srcDevice},
	{"lowSpeechLevelEventRatio", "speaking too quietly", 0.05, Over, data.Warning, srcDevice},
	{"lowSpeechToNoiseEventRatio", "background noise over speech", 0.05, Over, data.Warning, srcDevice},
	{"renderMuteEventRatio", "speaker muted", 0.05, Over, data.Info, srcDevice},
	{"renderZeroVolumeEventRatio", "speaker volume at zero", 0.05, Over, data.Info, srcDevice},
	{"micGlitchRate", "microphone glitches", 10, Over, data.Warning, srcGlitch},
	{"speakerGlitchRate", "speaker glitches", 10, Over, data.Warning, srcGlitch},
	{"howlingEventCount", "howling (echo loop) events", 0, Over, data.Warning, "Graph deviceInfo howlingEventCount; any is worth saying"},
	{"receivedQualityEventRatio", "network caused poor received audio", 0.05, Over, data.Problem, srcNetwork},
	{"sentQualityEventRatio", "network caused poor sent audio", 0.05, Over, data.Problem, srcNetwork},
	{"delayEventRatio", "network delay", 0.05, Over, data.Warning, srcNetwork},
	{"bandwidthLowEventRatio", "low bandwidth", 0.05, Over, data.Warning, srcNetwork},
	{"wifiSignalStrength", "Wi-Fi signal", 50, Under, data.Warning, srcWifi},
	{"averageRoundTripTime", "round trip", 0.100, Over, data.Warning, srcTargets},
	{"averagePacketLossRate", "packet loss", 0.01, Over, data.Warning, srcTargets},
	{"averageJitter", "jitter", 0.030, Over, data.Warning, srcTargets},
}

// byMetric indexes the table by metric.
var byMetric = func() map[string]*Rule {
	m := make(map[string]*Rule, len(Rules))
	for i := range Rules {
		m[Rules[i].Metric] = &Rules[i]
	}
	return m
}()

func findingRule(metric string) *Rule {
	if r := byMetric[metric]; r != nil {
		return r
	}
	panic("no finding rule for " + metric) // a programming error: the table is fixed
}

// crosses tells whether v is worth a finding; a value at the limit is
// not, unless the rule says at least.
func (r *Rule) crosses(v float64) bool {
	switch r.Op {
	case AtLeast:
		return v >= r.Limit
	case Under:
		return v < r.Limit
	}
	return v > r.Limit
}

// Session lists what is worth saying about a session, most severe first,
// each said once.
func Session(r *data.Record, se *data.Session) []data.Finding {
	return sortFindings(dedupe(sessionFindings(r.Names(), slices.Index(r.Sessions, se), se)))
}

// At lists the findings that lie at a place or below it, most severe
// first. Unlike Session it keeps a segment's finding that repeats another
// segment's: each row's pane explains that row's mark. at.Rec is ignored.
func At(r *data.Record, at data.Place) []data.Finding {
	if at.Se < 0 || at.Se >= len(r.Sessions) {
		return nil
	}
	var out []data.Finding
	for _, f := range sessionFindings(r.Names(), at.Se, r.Sessions[at.Se]) {
		if f.At.Within(at) {
			out = append(out, f)
		}
	}
	return sortFindings(out)
}

// sessionFindings is everything worth saying about session i, repeats
// included, in the record's order, naming people by the record's names.
func sessionFindings(names *data.Names, i int, se *data.Session) []data.Finding {
	var out []data.Finding
	at := data.Place{Rec: 0, Se: i, Sg: -1, Md: -1, St: -1}
	failed := func(at data.Place, who string, f *data.Failure) {
		text := FailureWords(f)
		out = append(out, data.Finding{Session: se.ID, Who: who, Text: text, Severity: data.Problem, At: at, Failure: true})
	}
	if f := se.Failure; f != nil {
		failed(at, names.SessionWho(se), f)
	}
	for _, e := range []*data.Endpoint{&se.Caller, &se.Callee} {
		if sev, ok := feedbackSeverity(e.Feedback); ok {
			fb := e.Feedback
			text := "feedback: " + orUnknown(fb.Rating)
			if fb.Text != "" {
				text += " — '" + fb.Text + "'"
			}
			out = append(out, data.Finding{Session: se.ID, Who: names.Label(e), Text: text, Severity: sev, At: at})
		}
	}
	for gi, sg := range se.Segments {
		caller, callee := data.SideOf(se, sg)
		if f := sg.OwnFailure(se); f != nil {
			failed(data.Place{Rec: 0, Se: i, Sg: gi, Md: -1, St: -1}, names.LegWho(se, caller, callee), f)
		}
		for mi, m := range sg.Media {
			mat := data.Place{Rec: 0, Se: i, Sg: gi, Md: mi, St: -1}
			for _, side := range []struct {
				e *data.Endpoint
				d *data.Device
				n *data.Network
			}{{caller, m.CallerDevice, m.CallerNetwork}, {callee, m.CalleeDevice, m.CalleeNetwork}} {
				if side.d == nil && side.n == nil {
					continue
				}
				name := names.Label(side.e)
				out = deviceFindings(out, mat, se.ID, name, side.d)
				out = networkFindings(out, mat, se.ID, name, side.n)
			}
			out = append(out, streamFindings(names, mat, se, caller, callee, m)...)
		}
	}
	return out
}

// feedbackSeverity is how a participant's feedback is said: a poor or bad
// rating is a problem, any other rating or a text is information; ok is
// false when there is nothing to say.
func feedbackSeverity(fb *data.Feedback) (sev data.Severity, ok bool) {
	if fb == nil || (fb.Text == "" && strings.EqualFold(fb.Rating, "notRated")) {
		return data.Info, false
	}
	if isBadRating(fb.Rating) {
		return data.Problem, true
	}
	return data.Info, true
}

// FeedbackProblems counts a session's problem feedback, for its roll-up.
func FeedbackProblems(se *data.Session) int {
	n := 0
	for _, e := range []*data.Endpoint{&se.Caller, &se.Callee} {
		if sev, ok := feedbackSeverity(e.Feedback); ok && sev == data.Problem {
			n++
		}
	}
	return n
}

// MediaProblems counts the problem findings of a media's devices and
// networks for its roll-up: the same values, rules and limits as
// deviceFindings and networkFindings, without the words, so that the parse
// can count them on every core at no cost worth measuring.
func MediaProblems(m *data.Media) int {
	n := 0
	for _, d := range [...]*data.Device{m.CallerDevice, m.CalleeDevice} {
		if d != nil {
			v := deviceValues(d)
			n += problemsOf(deviceRules, v[:])
		}
	}
	for _, nw := range [...]*data.Network{m.CallerNetwork, m.CalleeNetwork} {
		if nw != nil {
			v := networkValues(nw)
			n += problemsOf(networkRules, v[:])
		}
	}
	return n
}

func problemsOf(rules []*Rule, values []data.Opt[float64]) int {
	n := 0
	for i, o := range values {
		if r := rules[i]; r.Severity == data.Problem && o.OK && r.crosses(o.V) {
			n++
		}
	}
	return n
}

// Of lists what is worth saying about the whole call: every session's
// findings, most severe first. The loader keeps them in Record.Findings.
func Of(r *data.Record) []data.Finding {
	// Sessions are independent: a big meeting's are shared between the
	// cores. Each session's findings stay in a slice of their own until
	// they are placed once, in order: one growing list per core, then
	// joined, then sorted, copied a big meeting's findings five times over
	// (a third of the time findings took).
	per := make([][]data.Finding, len(r.Sessions))
	workers := parallel.Workers(len(r.Sessions))
	names := r.Names() // before the workers, which all need it
	parallel.Run(workers, func(w int) {
		for i := w * len(per) / workers; i < (w+1)*len(per)/workers; i++ {
			per[i] = dedupe(sessionFindings(names, i, r.Sessions[i]))
		}
	})
	return severityOrder(per)
}

// severityOrder puts the findings of every part in one slice, the most
// severe first, keeping their order within each severity: sortFindings
// of their concatenation, in one copy.
func severityOrder(parts [][]data.Finding) []data.Finding {
	var n [data.Problem + 1]int
	for _, p := range parts {
		for _, f := range p {
			n[min(f.Severity, data.Problem)]++
		}
	}
	total := n[data.Problem] + n[data.Warning] + n[data.Info]
	if total == 0 {
		return nil
	}
	out := make([]data.Finding, total)
	next := [data.Problem + 1]int{data.Problem: 0, data.Warning: n[data.Problem], data.Info: n[data.Problem] + n[data.Warning]}
	for _, p := range parts {
		for _, f := range p {
			s := min(f.Severity, data.Problem)
			out[next[s]] = f
			next[s]++
		}
	}
	return out
}

// The rules device and network findings apply, looked up once rather than
// for every device of a big meeting, in the order of deviceValues and
// networkValues.
var (
	deviceRules = rulesFor("captureNotFunctioningEventRatio", "renderNotFunctioningEventRatio",
		"cpuInsufficentEventRatio", "deviceClippingEventRatio", "deviceGlitchEventRatio",
		"lowSpeechLevelEventRatio", "lowSpeechToNoiseEventRatio", "renderMuteEventRatio", "renderZeroVolumeEventRatio",
		"micGlitchRate", "speakerGlitchRate", "howlingEventCount")
	networkRules = rulesFor("receivedQualityEventRatio", "sentQualityEventRatio", "delayEventRatio", "bandwidthLowEventRatio",
		"wifiSignalStrength")
)

const (
	deviceRatios = 9  // deviceValues[:9] are fractions of the call
	deviceRates  = 11 // then glitches per 5 minutes, then howling events
	networkWifi  = 4  // networkValues[4] is the Wi-Fi signal
)

func rulesFor(metrics ...string) []*Rule {
	out := make([]*Rule, len(metrics))
	for i, m := range metrics {
		out[i] = findingRule(m)
	}
	return out
}

// deviceValues are a device's values in the order of deviceRules.
func deviceValues(d *data.Device) [12]data.Opt[float64] {
	var howling data.Opt[float64]
	if d.HowlingEventCount.OK {
		howling = data.Some(float64(d.HowlingEventCount.V))
	}
	return [...]data.Opt[float64]{d.CaptureNotFunctioningEventRatio, d.RenderNotFunctioningEventRatio,
		d.CPUInsufficentEventRatio, d.DeviceClippingEventRatio, d.DeviceGlitchEventRatio,
		d.LowSpeechLevelEventRatio, d.LowSpeechToNoiseEventRatio, d.RenderMuteEventRatio, d.RenderZeroVolumeEventRatio,
		d.MicGlitchRate, d.SpeakerGlitchRate, howling}
}

// networkValues are a network's values in the order of networkRules; the
// Wi-Fi signal only on Wi-Fi.
func networkValues(n *data.Network) [5]data.Opt[float64] {
	var wifi data.Opt[float64]
	if (strings.EqualFold(n.ConnectionType, "wifi") || (n.ConnectionType == "" && n.WifiBand != "")) && n.WifiSignalStrength.OK {
		wifi = data.Some(float64(n.WifiSignalStrength.V))
	}
	return [...]data.Opt[float64]{n.ReceivedQualityEventRatio, n.SentQualityEventRatio, n.DelayEventRatio, n.BandwidthLowEventRatio, wifi}
}

func deviceFindings(out []data.Finding, at data.Place, session, who string, d *data.Device) []data.Finding {
	if d == nil {
		return out
	}
	for i, o := range deviceValues(d) {
		r := deviceRules[i]
		if !o.OK || !r.crosses(o.V) {
			continue
		}
		var says string
		switch {
		case i < deviceRatios:
			says = r.Words + " " + text.FormatPercent(o.V) + " of the call"
		case i < deviceRates:
			says = r.Words + " " + text.TrimFloat(o.V, 1) + " per 5 min"
		default:
			says = fmt.Sprintf("%s: %d", r.Words, d.HowlingEventCount.V)
		}
		out = append(out, data.Finding{Session: session, Who: who, Text: says, Severity: r.Severity, At: at, Metric: r.Metric})
	}
	return out
}

func networkFindings(out []data.Finding, at data.Place, session, who string, n *data.Network) []data.Finding {
	if n == nil {
		return out
	}
	for i, o := range networkValues(n) {
		r := networkRules[i]
		if !o.OK || !r.crosses(o.V) {
			continue
		}
		says := r.Words + " " + text.FormatPercent(o.V) + " of the call"
		if i == networkWifi {
			says = fmt.Sprintf("%s %d %%", r.Words, n.WifiSignalStrength.V)
			if band := bandWords(n.WifiBand); band != "" {
				says += " on " + band
			}
		}
		out = append(out, data.Finding{Session: session, Who: who, Text: says, Severity: r.Severity, At: at, Metric: r.Metric})
	}
	return out
}

var (
	ruleRTT    = findingRule("averageRoundTripTime")
	ruleLoss   = findingRule("averagePacketLossRate")
	ruleJitter = findingRule("averageJitter")
)

// streamFindings compares a media's streams with Microsoft's network
// targets, and names poor video and screen sharing (no network rule covers
// frame rate or frame loss). Directions are said from the participant's
// side: "received audio".
func streamFindings(names *data.Names, at data.Place, se *data.Session, caller, callee *data.Endpoint, m *data.Media) []data.Finding {
	var out []data.Finding
	session, who := se.ID, names.LegWho(se, caller, callee)
	for si, st := range m.Streams {
		at.St = si
		if st.Kind != data.KindAudio && st.Kind != data.KindVideo && st.Kind != data.KindVBSS {
			continue
		}
		what := "" // worded only when something is worth saying
		words := func() string {
			if what == "" {
				what = streamWords(names, caller, callee, st)
			}
			return what
		}
		sev := data.Warning
		if st.Quality.Verdict == data.Poor {
			sev = data.Problem
		}
		if st.AverageRoundTripTime.OK && ruleRTT.crosses(st.AverageRoundTripTime.V.Seconds()) {
			out = append(out, data.Finding{Session: session, Who: who, Text: "round trip " + text.FormatMillis(st.AverageRoundTripTime.V) + " on " + words() + " (target < 100 ms)", Severity: sev, At: at, Metric: ruleRTT.Metric})
		}
		if st.AveragePacketLossRate.OK && ruleLoss.crosses(st.AveragePacketLossRate.V) {
			out = append(out, data.Finding{Session: session, Who: who, Text: "packet loss " + text.FormatPercent(st.AveragePacketLossRate.V) + " on " + words() + " (target < 1 %)", Severity: sev, At: at, Metric: ruleLoss.Metric})
		}
		if st.AverageJitter.OK && ruleJitter.crosses(st.AverageJitter.V.Seconds()) {
			out = append(out, data.Finding{Session: session, Who: who, Text: "jitter " + text.FormatMillis(st.AverageJitter.V) + " on " + words() + " (target < 30 ms)", Severity: sev, At: at, Metric: ruleJitter.Metric})
		}
		if st.Kind != data.KindAudio && st.Quality.Verdict == data.Poor && len(st.Quality.Reasons) > 0 {
			out = append(out, data.Finding{Session: session, Who: who, Text: "poor " + words() + ": " + st.Quality.Reasons[0].Text(), Severity: data.Problem, At: at, Metric: st.Quality.Reasons[0].Metric})
		}
	}
	return out
}

// FailureWords says a failureInfo: "failed at call setup (reason)".
func FailureWords(f *data.Failure) string {
	return fmt.Sprintf("failed at %s (%s)", stageWords(f.Stage), orUnknown(f.Reason))
}

// StreamWords names a stream as findings do: "received audio", or "audio
// sent by Mediation server" on a leg between services.
func StreamWords(names *data.Names, caller, callee *data.Endpoint, st *data.Stream) string {
	return streamWords(names, caller, callee, st)
}

// streamWords names a stream from the person's side when one end is a
// person ("received audio"), else by its sender ("audio sent by Mediation
// server").
func streamWords(names *data.Names, caller, callee *data.Endpoint, st *data.Stream) string {
	fromCaller := !strings.EqualFold(st.Direction, "calleeToCaller")
	kind := st.Kind.String()
	switch data.LegPerson(caller, callee) {
	case caller:
		if fromCaller {
			return "sent " + kind
		}
		return "received " + kind
	case callee:
		if fromCaller {
			return "received " + kind
		}
		return "sent " + kind
	}
	if fromCaller {
		return kind + " sent by " + names.Label(caller)
	}
	return kind + " sent by " + names.Label(callee)
}

func stageWords(stage string) string {
	if stage == "" {
		return "an unknown stage"
	}
	return data.Words("failureStage", stage)
}

// bandWords is a Wi-Fi band in words, "" when the record does not know it.
func bandWords(band string) string {
	if band == "" || strings.EqualFold(band, "unknown") {
		return ""
	}
	return data.Words("wifiBand", band)
}

func isBadRating(r string) bool {
	switch strings.ToLower(r) {
	case "poor", "bad":
		return true
	}
	return false
}

func orUnknown(s string) string {
	if s == "" {
		return "unknown"
	}
	return s
}

// dedupe drops repeated findings: a session's segments often carry the same
// endpoint and network several times.
// A session has a handful of findings: a quadratic scan beats a map.
func dedupe(fs []data.Finding) []data.Finding {
	out := fs[:0]
	for _, f := range fs {
		if !slices.ContainsFunc(out, func(g data.Finding) bool { return g.Who == f.Who && g.Text == f.Text }) {
			out = append(out, f)
		}
	}
	return out
}

// sortFindings puts the most severe first, keeping the order within each
// severity. There are three severities: a stable partition, linear, where a
// comparison sort of a big meeting's 50,000 findings took a tenth of the report.
func sortFindings(fs []data.Finding) []data.Finding {
	var n [data.Problem + 1]int
	sorted := true
	for i, f := range fs {
		n[min(f.Severity, data.Problem)]++
		sorted = sorted && (i == 0 || f.Severity <= fs[i-1].Severity)
	}
	if sorted {
		return fs
	}
	out := make([]data.Finding, len(fs))
	next := [data.Problem + 1]int{data.Problem: 0, data.Warning: n[data.Problem], data.Info: n[data.Problem] + n[data.Warning]}
	for _, f := range fs {
		s := min(f.Severity, data.Problem)
		out[next[s]] = f
		next[s]++
	}
	return out
}

// Table is the README's table of finding rules.
func Table() string {
	var b strings.Builder
	b.WriteString("| field | finding | worth saying when | severity | source of the limit |\n|---|---|---|---|---|\n")
	for _, r := range Rules {
		op := r.Op.String()
		limit := text.TrimFloat(r.Limit, 3)
		switch {
		case strings.HasSuffix(r.Metric, "Ratio") || r.Metric == "averagePacketLossRate":
			limit = text.FormatPercent(r.Limit)
		case r.Metric == "averageRoundTripTime" || r.Metric == "averageJitter":
			limit = text.FormatMillis(time.Duration(r.Limit * float64(time.Second)))
		case r.Metric == "wifiSignalStrength":
			limit += " %"
		case strings.HasSuffix(r.Metric, "GlitchRate"):
			limit += " per 5 min"
		}
		fmt.Fprintf(&b, "| `%s` | %s | %s %s | %s | %s |\n", r.Metric, r.Words, op, limit, r.Severity, r.Source)
	}
	return b.String()
}
