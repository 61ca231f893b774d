package data

import (
	"fmt"
	"runtime"
	"slices"
	"strings"
	"time"
)

// Severity orders findings: problems first.
type Severity uint8

const (
	Info Severity = iota
	Warning
	Problem
)

func (s Severity) String() string {
	switch s {
	case Problem:
		return "problem"
	case Warning:
		return "warning"
	}
	return "info"
}

// Finding is one plain-language fact about a call: who, what, how much.
type Finding struct {
	Session  string // session id; "" for the call as a whole
	Who      string
	Text     string
	Severity Severity
}

// String is the finding as people read it: "Alice Okafor: Wi-Fi signal 38 % on 2.4 GHz".
func (f Finding) String() string {
	if f.Who == "" {
		return f.Text
	}
	return f.Who + ": " + f.Text
}

// FindingRule is one row of the findings table: what is looked at, from
// which limit it is worth saying, and who says the limit matters.
type FindingRule struct {
	Metric   string  // Graph field
	Words    string  // what the finding says, before the value
	Limit    float64 // in the metric's unit (a fraction for ratios, seconds for times)
	Below    bool    // worth saying below the limit rather than above it
	Severity Severity
	Source   string
}

const (
	srcDevice  = "Graph deviceInfo: the fraction of the call the endpoint detected the problem; limit: callscope's choice (5 % of the call)"
	srcGlitch  = "Graph deviceInfo: glitches per 5 minutes; limit: callscope's choice"
	srcNetwork = "Graph networkInfo: the fraction of the call the network caused the problem; limit: callscope's choice (5 % of the call)"
	srcTargets = "Microsoft Teams network planning: client to Microsoft edge round trip < 100 ms, packet loss < 1 %, jitter < 30 ms"
	srcWifi    = "Graph networkInfo wifiSignalStrength (%); limit: callscope's choice (below 50 % is a weak signal)"
)

// FindingRules is the whole table; the README's findings table is made from it.
var FindingRules = []FindingRule{
	{"captureNotFunctioningEventRatio", "microphone not working", 0.05, false, Problem, srcDevice},
	{"renderNotFunctioningEventRatio", "speaker not working", 0.05, false, Problem, srcDevice},
	{"cpuInsufficentEventRatio", "CPU too busy", 0.05, false, Warning, srcDevice},
	{"deviceClippingEventRatio", "microphone clipping", 0.05, false, Warning, srcDevice},
	{"deviceGlitchEventRatio", "audio device glitches", 0.05, false, Warning, srcDevice},
	{"lowSpeechLevelEventRatio", "speaking too quietly", 0.05, false, Warning, srcDevice},
	{"lowSpeechToNoiseEventRatio", "background noise over speech", 0.05, false, Warning, srcDevice},
	{"renderMuteEventRatio", "speaker muted", 0.05, false, Info, srcDevice},
	{"renderZeroVolumeEventRatio", "speaker volume at zero", 0.05, false, Info, srcDevice},
	{"micGlitchRate", "microphone glitches", 10, false, Warning, srcGlitch},
	{"speakerGlitchRate", "speaker glitches", 10, false, Warning, srcGlitch},
	{"howlingEventCount", "howling (echo loop) events", 0, false, Warning, "Graph deviceInfo howlingEventCount; any is worth saying"},
	{"receivedQualityEventRatio", "network caused poor received audio", 0.05, false, Problem, srcNetwork},
	{"sentQualityEventRatio", "network caused poor sent audio", 0.05, false, Problem, srcNetwork},
	{"delayEventRatio", "network delay", 0.05, false, Warning, srcNetwork},
	{"bandwidthLowEventRatio", "low bandwidth", 0.05, false, Warning, srcNetwork},
	{"wifiSignalStrength", "Wi-Fi signal", 50, true, Warning, srcWifi},
	{"averageRoundTripTime", "round trip", 0.100, false, Warning, srcTargets},
	{"averagePacketLossRate", "packet loss", 0.01, false, Warning, srcTargets},
	{"averageJitter", "jitter", 0.030, false, Warning, srcTargets},
}

// findingRules indexes the table by metric.
var findingRules = func() map[string]*FindingRule {
	m := make(map[string]*FindingRule, len(FindingRules))
	for i := range FindingRules {
		m[FindingRules[i].Metric] = &FindingRules[i]
	}
	return m
}()

func findingRule(metric string) *FindingRule {
	if r := findingRules[metric]; r != nil {
		return r
	}
	panic("no finding rule for " + metric) // a programming error: the table is fixed
}

// crosses tells whether v is worth a finding; a value at the limit is not.
func (r *FindingRule) crosses(v float64) bool {
	if r.Below {
		return v < r.Limit
	}
	return v > r.Limit
}

// SessionFindings lists what is worth saying about a session, most severe first.
func (r *Record) SessionFindings(se *Session) []Finding {
	var out []Finding
	say := func(who string, sev Severity, format string, args ...any) {
		out = append(out, Finding{Session: se.ID, Who: who, Text: fmt.Sprintf(format, args...), Severity: sev})
	}
	names := r.Names()
	who := names.SessionWho(se)
	if f := se.Failure; f != nil {
		say(who, Problem, "failed at %s (%s)", stageWords(f.Stage), orUnknown(f.Reason))
	}
	for _, e := range []*Endpoint{&se.Caller, &se.Callee} {
		if fb := e.Feedback; fb != nil && (fb.Text != "" || !strings.EqualFold(fb.Rating, "notRated")) {
			text := "feedback: " + orUnknown(fb.Rating)
			if fb.Text != "" {
				text += " — '" + fb.Text + "'"
			}
			sev := Info
			if isBadRating(fb.Rating) {
				sev = Problem
			}
			say(names.Label(e), sev, "%s", text)
		}
	}
	for _, sg := range se.Segments {
		caller, callee := SideOf(se, sg)
		if f := sg.OwnFailure(se); f != nil {
			say(names.LegWho(se, caller, callee), Problem, "failed at %s (%s)", stageWords(f.Stage), orUnknown(f.Reason))
		}
		for _, m := range sg.Media {
			for _, side := range []struct {
				e *Endpoint
				d *Device
				n *Network
			}{{caller, m.CallerDevice, m.CallerNetwork}, {callee, m.CalleeDevice, m.CalleeNetwork}} {
				name := names.Label(side.e)
				out = append(out, deviceFindings(se.ID, name, side.d)...)
				out = append(out, networkFindings(se.ID, name, side.n)...)
			}
			out = append(out, streamFindings(names, se, caller, callee, m)...)
		}
	}
	return sortFindings(dedupe(out))
}

// Findings lists what is worth saying about the whole call: every
// session's findings, most severe first.
func (r *Record) Findings() []Finding {
	r.findingsOnce.Do(func() { r.findings = r.findAll() })
	return r.findings
}

func (r *Record) findAll() []Finding {
	// Sessions are independent: a big meeting's are shared between the cores.
	parts := make([][]Finding, min(runtime.GOMAXPROCS(0), len(r.Sessions)/parallelFrom+1))
	inParallel(len(parts), func(w int) {
		lo, hi := w*len(r.Sessions)/len(parts), (w+1)*len(r.Sessions)/len(parts)
		for _, se := range r.Sessions[lo:hi] {
			parts[w] = append(parts[w], r.SessionFindings(se)...)
		}
	})
	return sortFindings(slices.Concat(parts...))
}

// ratioFinding words a fraction of the call past its rule's limit.
func ratioFinding(out []Finding, session, who string, r *FindingRule, o Opt[float64]) []Finding {
	if o.OK && r.crosses(o.V) {
		out = append(out, Finding{session, who, r.Words + " " + FormatPercent(o.V) + " of the call", r.Severity})
	}
	return out
}

// The rules each kind of finding applies, looked up once rather than for
// every device of a big meeting, in the order their fields are read below.
var (
	deviceRatioRules = rulesFor("captureNotFunctioningEventRatio", "renderNotFunctioningEventRatio",
		"cpuInsufficentEventRatio", "deviceClippingEventRatio", "deviceGlitchEventRatio",
		"lowSpeechLevelEventRatio", "lowSpeechToNoiseEventRatio", "renderMuteEventRatio", "renderZeroVolumeEventRatio")
	deviceRateRules   = rulesFor("micGlitchRate", "speakerGlitchRate")
	ruleHowling       = findingRule("howlingEventCount")
	networkRatioRules = rulesFor("receivedQualityEventRatio", "sentQualityEventRatio", "delayEventRatio", "bandwidthLowEventRatio")
	ruleWifi          = findingRule("wifiSignalStrength")
)

func rulesFor(metrics ...string) []*FindingRule {
	out := make([]*FindingRule, len(metrics))
	for i, m := range metrics {
		out[i] = findingRule(m)
	}
	return out
}

func deviceFindings(session, who string, d *Device) []Finding {
	if d == nil {
		return nil
	}
	var out []Finding
	for i, o := range [...]Opt[float64]{d.CaptureNotFunctioningEventRatio, d.RenderNotFunctioningEventRatio,
		d.CPUInsufficentEventRatio, d.DeviceClippingEventRatio, d.DeviceGlitchEventRatio,
		d.LowSpeechLevelEventRatio, d.LowSpeechToNoiseEventRatio, d.RenderMuteEventRatio, d.RenderZeroVolumeEventRatio} {
		out = ratioFinding(out, session, who, deviceRatioRules[i], o)
	}
	for i, o := range [...]Opt[float64]{d.MicGlitchRate, d.SpeakerGlitchRate} {
		if r := deviceRateRules[i]; o.OK && r.crosses(o.V) {
			out = append(out, Finding{session, who, r.Words + " " + trimFloat(o.V, 1) + " per 5 min", r.Severity})
		}
	}
	if r := ruleHowling; d.HowlingEventCount.OK && r.crosses(float64(d.HowlingEventCount.V)) {
		out = append(out, Finding{session, who, fmt.Sprintf("%s: %d", r.Words, d.HowlingEventCount.V), r.Severity})
	}
	return out
}

func networkFindings(session, who string, n *Network) []Finding {
	if n == nil {
		return nil
	}
	var out []Finding
	for i, o := range [...]Opt[float64]{n.ReceivedQualityEventRatio, n.SentQualityEventRatio, n.DelayEventRatio, n.BandwidthLowEventRatio} {
		out = ratioFinding(out, session, who, networkRatioRules[i], o)
	}
	wifi := strings.EqualFold(n.ConnectionType, "wifi") || (n.ConnectionType == "" && n.WifiBand != "")
	if r := ruleWifi; wifi && n.WifiSignalStrength.OK && r.crosses(float64(n.WifiSignalStrength.V)) {
		text := fmt.Sprintf("%s %d %%", r.Words, n.WifiSignalStrength.V)
		if band := bandWords(n.WifiBand); band != "" {
			text += " on " + band
		}
		out = append(out, Finding{session, who, text, r.Severity})
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
func streamFindings(names *Names, se *Session, caller, callee *Endpoint, m *Media) []Finding {
	var out []Finding
	session, who := se.ID, names.LegWho(se, caller, callee)
	for _, st := range m.Streams {
		if st.Kind != KindAudio && st.Kind != KindVideo && st.Kind != KindVBSS {
			continue
		}
		what := "" // worded only when something is worth saying
		words := func() string {
			if what == "" {
				what = streamWords(names, caller, callee, st)
			}
			return what
		}
		sev := Warning
		if st.Quality.Verdict == Poor {
			sev = Problem
		}
		if st.AverageRoundTripTime.OK && ruleRTT.crosses(st.AverageRoundTripTime.V.Seconds()) {
			out = append(out, Finding{session, who, "round trip " + FormatMillis(st.AverageRoundTripTime.V) + " on " + words() + " (target < 100 ms)", sev})
		}
		if st.AveragePacketLossRate.OK && ruleLoss.crosses(st.AveragePacketLossRate.V) {
			out = append(out, Finding{session, who, "packet loss " + FormatPercent(st.AveragePacketLossRate.V) + " on " + words() + " (target < 1 %)", sev})
		}
		if st.AverageJitter.OK && ruleJitter.crosses(st.AverageJitter.V.Seconds()) {
			out = append(out, Finding{session, who, "jitter " + FormatMillis(st.AverageJitter.V) + " on " + words() + " (target < 30 ms)", sev})
		}
		if st.Kind != KindAudio && st.Quality.Verdict == Poor && len(st.Quality.Reasons) > 0 {
			out = append(out, Finding{session, who, "poor " + words() + ": " + st.Quality.Reasons[0].Text(), Problem})
		}
	}
	return out
}

// streamWords names a stream from the person's side when one end is a
// person ("received audio"), else by its sender ("audio sent by Mediation
// server").
func streamWords(names *Names, caller, callee *Endpoint, st *Stream) string {
	fromCaller := !strings.EqualFold(st.Direction, "calleeToCaller")
	kind := st.Kind.String()
	switch legPerson(caller, callee) {
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
	switch strings.ToLower(stage) {
	case "callsetup":
		return "call setup"
	case "midcall":
		return "mid-call"
	case "":
		return "an unknown stage"
	}
	return splitCamel(stage)
}

func bandWords(band string) string {
	switch strings.ToLower(band) {
	case "frequency24ghz":
		return "2.4 GHz"
	case "frequency50ghz":
		return "5 GHz"
	case "frequency60ghz":
		return "6 GHz"
	case "", "unknown":
		return ""
	}
	return band
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
func dedupe(fs []Finding) []Finding {
	out := fs[:0]
	for _, f := range fs {
		if !slices.ContainsFunc(out, func(g Finding) bool { return g.Who == f.Who && g.Text == f.Text }) {
			out = append(out, f)
		}
	}
	return out
}

// sortFindings puts the most severe first, keeping the order within each
// severity. There are three severities: a stable partition, linear, where a
// comparison sort of a big meeting's 50,000 findings took a tenth of the report.
func sortFindings(fs []Finding) []Finding {
	var n [Problem + 1]int
	sorted := true
	for i, f := range fs {
		n[min(f.Severity, Problem)]++
		sorted = sorted && (i == 0 || f.Severity <= fs[i-1].Severity)
	}
	if sorted {
		return fs
	}
	out := make([]Finding, len(fs))
	next := [Problem + 1]int{Problem: 0, Warning: n[Problem], Info: n[Problem] + n[Warning]}
	for _, f := range fs {
		s := min(f.Severity, Problem)
		out[next[s]] = f
		next[s]++
	}
	return out
}

// FindingsTable is the README's table of finding rules.
func FindingsTable() string {
	var b strings.Builder
	b.WriteString("| field | finding | worth saying when | severity | source of the limit |\n|---|---|---|---|---|\n")
	for _, r := range FindingRules {
		op := ">"
		if r.Below {
			op = "<"
		}
		limit := trimFloat(r.Limit, 3)
		switch {
		case strings.HasSuffix(r.Metric, "Ratio") || r.Metric == "averagePacketLossRate":
			limit = FormatPercent(r.Limit)
		case r.Metric == "averageRoundTripTime" || r.Metric == "averageJitter":
			limit = FormatMillis(time.Duration(r.Limit * float64(time.Second)))
		case r.Metric == "wifiSignalStrength":
			limit += " %"
		case strings.HasSuffix(r.Metric, "GlitchRate"):
			limit += " per 5 min"
		}
		fmt.Fprintf(&b, "| `%s` | %s | %s %s | %s | %s |\n", r.Metric, r.Words, op, limit, r.Severity, r.Source)
	}
	return b.String()
}
