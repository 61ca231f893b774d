package data

import (
	"github.com/callscope/callscope/text"
	"strconv"
	"strings"
	"time"
)

// Verdict is a stream's Call Quality Dashboard classification. The order is
// the roll-up order: a session is poor if any stream is, else good if any
// stream is, else unclassified.
type Verdict uint8

const (
	Unclassified Verdict = iota
	Good
	Poor
)

func (v Verdict) String() string {
	switch v {
	case Good:
		return "good"
	case Poor:
		return "poor"
	}
	return "unclassified"
}

// MediaKind is what a stream carries; it picks the rule that judges it.
type MediaKind uint8

const (
	KindUnknown MediaKind = iota
	KindAudio
	KindVideo
	KindVBSS       // video-based screen sharing
	KindAppSharing // RDP-based application sharing
	KindData
)

func (k MediaKind) String() string {
	switch k {
	case KindAudio:
		return "audio"
	case KindVideo:
		return "video"
	case KindVBSS:
		return "screen sharing"
	case KindAppSharing:
		return "app sharing"
	case KindData:
		return "data"
	}
	return "unknown"
}

// MediaKindOf reads the kind from the media label when it says, else from
// the stream's codec.
func MediaKindOf(label, audioCodec, videoCodec string) MediaKind {
	l := strings.ToLower(label)
	switch {
	case strings.Contains(l, "applicationsharing-video") || strings.Contains(l, "vbss"):
		return KindVBSS
	case strings.Contains(l, "applicationsharing"):
		return KindAppSharing
	case strings.Contains(l, "audio"):
		return KindAudio
	case strings.Contains(l, "video"):
		return KindVideo
	case strings.Contains(l, "data"):
		return KindData
	}
	switch {
	case audioCodec != "" && !strings.EqualFold(audioCodec, "unknown"):
		return KindAudio
	case strings.EqualFold(videoCodec, "h264s"):
		return KindVBSS
	case videoCodec != "" && !strings.EqualFold(videoCodec, "unknown"):
		return KindVideo
	}
	return KindUnknown
}

// Reason is one fact behind a verdict: a metric, its value, and the limit it
// was compared with, e.g. "packet loss 15.2 % > 10 %". It is kept as data and
// worded only when shown: a big meeting has tens of thousands of streams.
type Reason struct {
	Metric string // Graph field name, "" for a reason that is no comparison
	Value  float64
	rule   *Threshold
	text   string // a reason that is no comparison
}

// Text words the reason.
func (r Reason) Text() string {
	if r.rule == nil {
		return r.text
	}
	return r.rule.words(r.Value)
}

func fixedReason(metric, text string) Reason { return Reason{Metric: metric, text: text} }

// Judgement is a stream's verdict with everything that led to it.
type Judgement struct {
	Verdict Verdict
	Reasons []Reason // for poor: every limit crossed; otherwise why it is good or unclassified
	Notes   []Reason // legacy signals worth a look, not part of the verdict
}

// Source of every limit below: Microsoft Teams admin documentation, "Stream
// classification in Call Quality Dashboard (CQD)"
// (learn.microsoft.com/microsoftteams/stream-classification-in-call-quality-dashboard).
const CQDSource = "Microsoft Teams: Stream classification in Call Quality Dashboard (CQD)"

// CQDCaveat is what Microsoft says of its own classifier; shown with every
// poor verdict so that nobody reads more into it.
const CQDCaveat = "In Microsoft's words, a Poor classification means the conditions for good quality were not present, not that the user perceived a problem."

type unit uint8

const (
	unitMillis  unit = iota // time.Duration shown in ms
	unitRatio               // fraction shown as %
	unitPercent             // already a percentage
	unitFPS
	unitPackets
)

// Threshold is one limit of the CQD rules. A value exactly at the limit is
// not over it.
type Threshold struct {
	Metric string  // Graph field name
	Label  string  // words for people
	Limit  float64 // in the metric's own unit (seconds for durations)
	Below  bool    // poor when the value is below the limit, not above
	unit   unit
}

// The CQD classification rules, in one table.
var (
	AudioPacketUtilization = Threshold{"packetUtilization", "packet utilization", 500, false, unitPackets}
	AudioRules             = []Threshold{
		{"averageRoundTripTime", "round trip", 0.500, false, unitMillis},
		{"averagePacketLossRate", "packet loss", 0.1, false, unitRatio},
		{"averageJitter", "jitter", 0.030, false, unitMillis},
	}
	// Older published rules: shown as notes, never as the verdict.
	AudioLegacyNotes = []Threshold{
		{"averageAudioDegradation", "audio degradation (legacy rule)", 1.0, false, unitPackets},
		{"averageRatioOfConcealedSamples", "concealed samples (legacy rule)", 0.07, false, unitRatio},
	}
	// Video and screen sharing: the FIRST metric present decides alone.
	VideoRules = []Threshold{
		{"averageVideoFrameLossPercentage", "video frame loss", 50, false, unitPercent},
		{"averageVideoFrameRate", "frame rate", 7, true, unitFPS},
		{"postForwardErrorCorrectionPacketLossRate", "post-FEC packet loss", 0.15, false, unitRatio},
	}
	VBSSRules = []Threshold{
		VideoRules[0],
		{"averageVideoFrameRate", "frame rate", 2, true, unitFPS},
		VideoRules[2],
	}
)

func (t *Threshold) crossed(v float64) bool {
	if t.Below {
		return v < t.Limit
	}
	return v > t.Limit
}

// scaled is v in the unit shown (ms for times, % for ratios).
func (t *Threshold) scaled(v float64) float64 {
	switch t.unit {
	case unitMillis:
		return v * 1000
	case unitRatio:
		return v * 100
	}
	return v
}

func (t *Threshold) unitText() string {
	switch t.unit {
	case unitMillis:
		return " ms"
	case unitRatio, unitPercent:
		return " %"
	case unitFPS:
		return " fps"
	}
	return ""
}

func (t *Threshold) format(v float64) string {
	switch t.unit {
	case unitMillis:
		return text.FormatMillis(time.Duration(v * float64(time.Second)))
	case unitRatio:
		return text.FormatPercent(v)
	case unitPercent:
		return text.TrimFloat(v, 1) + " %"
	case unitFPS:
		return text.TrimFloat(v, 1) + " fps"
	default:
		return text.TrimFloat(v, 2)
	}
}

// limitTexts are the limits as shown, worked out once: every stream's
// reasons name them.
var limitTexts = func() map[*Threshold]string {
	m := map[*Threshold]string{&AudioPacketUtilization: AudioPacketUtilization.format(AudioPacketUtilization.Limit)}
	for _, rules := range [][]Threshold{AudioRules, AudioLegacyNotes, VideoRules, VBSSRules} {
		for i := range rules {
			m[&rules[i]] = rules[i].format(rules[i].Limit)
		}
	}
	return m
}()

func (t *Threshold) limitText() string {
	if s, ok := limitTexts[t]; ok {
		return s
	}
	return t.format(t.Limit) // a rule made elsewhere (tests)
}

func (t *Threshold) reason(v float64) Reason { return Reason{Metric: t.Metric, Value: v, rule: t} }

// words says a comparison: "packet loss 15.2 % > 10 %".
func (t *Threshold) words(v float64) string {
	op := ">"
	switch {
	case t.Below && t.crossed(v):
		op = "<"
	case t.Below:
		op = "≥"
	case !t.crossed(v):
		op = "≤"
	}
	value, limit := t.format(v), t.limitText()
	if value == limit && v != t.Limit {
		// 30.04 ms shows as "30 ms": say more digits than a tie would.
		value = strconv.FormatFloat(t.scaled(v), 'f', -1, 64) + t.unitText()
	}
	return t.Label + " " + value + " " + op + " " + limit
}

func seconds(d Opt[time.Duration]) Opt[float64] {
	if !d.OK {
		return Opt[float64]{}
	}
	return Some(d.V.Seconds())
}

// metricValue returns a stream's value for a threshold's metric.
func (s *Stream) metricValue(metric string) Opt[float64] {
	switch metric {
	case "averageRoundTripTime":
		return seconds(s.AverageRoundTripTime)
	case "averagePacketLossRate":
		return s.AveragePacketLossRate
	case "averageJitter":
		return seconds(s.AverageJitter)
	case "averageAudioDegradation":
		return s.AverageAudioDegradation
	case "averageRatioOfConcealedSamples":
		return s.AverageRatioOfConcealedSamples
	case "averageVideoFrameLossPercentage":
		return s.AverageVideoFrameLossPercentage
	case "averageVideoFrameRate":
		return s.AverageVideoFrameRate
	case "postForwardErrorCorrectionPacketLossRate":
		return s.PostFECPacketLossRate
	case "packetUtilization":
		if s.PacketUtilization.OK {
			return Some(float64(s.PacketUtilization.V))
		}
	}
	return Opt[float64]{}
}

// Judge classifies a stream by the CQD rules.
func Judge(s *Stream, kind MediaKind) Judgement {
	switch kind {
	case KindAudio:
		return judgeAudio(s)
	case KindVideo:
		return judgeVideo(s, VideoRules, "video")
	case KindVBSS:
		return judgeVideo(s, VBSSRules, "screen sharing")
	case KindAppSharing:
		return Judgement{Reasons: []Reason{fixedReason("", "application sharing (RDP) metrics are not in Graph")}}
	case KindData:
		return Judgement{Reasons: []Reason{fixedReason("", "data streams are not classified")}}
	}
	return Judgement{Reasons: []Reason{fixedReason("", "media kind unknown (no label or codec)")}}
}

func judgeAudio(s *Stream) Judgement {
	var j Judgement
	for i := range AudioLegacyNotes {
		t := &AudioLegacyNotes[i]
		if v := s.metricValue(t.Metric); v.OK && t.crossed(v.V) {
			j.Notes = append(j.Notes, t.reason(v.V))
		}
	}
	pu := s.metricValue(AudioPacketUtilization.Metric)
	if !pu.OK {
		j.Reasons = []Reason{fixedReason(AudioPacketUtilization.Metric, "packet utilization missing")}
		return j
	}
	if !AudioPacketUtilization.crossed(pu.V) {
		j.Reasons = []Reason{AudioPacketUtilization.reason(pu.V)}
		return j
	}
	var good []Reason
	seen := false
	for i := range AudioRules {
		t := &AudioRules[i]
		v := s.metricValue(t.Metric)
		if !v.OK {
			continue
		}
		seen = true
		if t.crossed(v.V) {
			j.Reasons = append(j.Reasons, t.reason(v.V))
		} else {
			good = append(good, t.reason(v.V))
		}
	}
	switch {
	case len(j.Reasons) > 0:
		j.Verdict = Poor
	case !seen:
		j.Reasons = []Reason{fixedReason("", "no round trip, packet loss or jitter")}
	default:
		j.Verdict = Good
		j.Reasons = good
	}
	return j
}

func judgeVideo(s *Stream, rules []Threshold, what string) Judgement {
	for i := range rules {
		t := &rules[i]
		v := s.metricValue(t.Metric)
		if !v.OK {
			continue
		}
		j := Judgement{Verdict: Good, Reasons: []Reason{t.reason(v.V)}}
		if t.crossed(v.V) {
			j.Verdict = Poor
		}
		return j
	}
	return Judgement{Reasons: []Reason{fixedReason("", "no frame loss, frame rate or post-FEC loss for "+what)}}
}

// Rollup counts what lies below a node: stream verdicts, failures and
// problem findings. State says it at a glance; every mark of a row comes
// from it.
type Rollup struct {
	Good, Poor, Unclassified int
	// Failures counts failureInfo. A segment's failure that repeats its
	// session's counts on the segment (its row shows it) but not again in
	// the session: one failure is one problem.
	Failures int
	// ProblemFindings counts problem-severity findings that are neither a
	// poor stream nor a failure (those are counted above): a microphone or
	// speaker not working, the network causing poor audio, poor feedback.
	// Each node counts its own, before SessionFindings drops repeats.
	ProblemFindings int
}

// State is a node at a glance; its order is the roll-up's precedence.
type State uint8

const (
	StateUnclassified State = iota // nothing to judge
	StateGood
	StateProblem // a poor stream or a problem finding
	StateFailed  // a failureInfo
)

func (s State) String() string {
	switch s {
	case StateGood:
		return "good"
	case StateProblem:
		return "problem"
	case StateFailed:
		return "failed"
	}
	return "unclassified"
}

// State is the one rule for a node's mark: failed if anything below
// failed, else a problem if a stream is poor or a finding is a problem,
// else good if a stream is good, else unclassified. Warnings do not count.
func (r Rollup) State() State {
	switch {
	case r.Failures > 0:
		return StateFailed
	case r.Poor > 0 || r.ProblemFindings > 0:
		return StateProblem
	case r.Good > 0:
		return StateGood
	}
	return StateUnclassified
}

// Streams is the number of streams counted.
func (r Rollup) Streams() int { return r.Good + r.Poor + r.Unclassified }

// Worst is the streams' verdict: poor if any stream is poor, else good if
// any is good, else unclassified. State is the node's, findings and
// failures included.
func (r Rollup) Worst() Verdict {
	switch {
	case r.Poor > 0:
		return Poor
	case r.Good > 0:
		return Good
	}
	return Unclassified
}

// Problems counts what a support engineer should look at: poor streams,
// failures and problem findings.
func (r Rollup) Problems() int { return r.Poor + r.Failures + r.ProblemFindings }

func (r *Rollup) add(o Rollup) {
	r.Good += o.Good
	r.Poor += o.Poor
	r.Unclassified += o.Unclassified
	r.Failures += o.Failures
	r.ProblemFindings += o.ProblemFindings
}

func (r *Rollup) addVerdict(v Verdict) {
	switch v {
	case Good:
		r.Good++
	case Poor:
		r.Poor++
	default:
		r.Unclassified++
	}
}

// judgeRecord rolls up a record's sessions, each judged as it was parsed.
func judgeRecord(rec *Record) {
	rec.Quality = Rollup{}
	for _, se := range rec.Sessions {
		rec.Quality.add(se.Quality)
	}
}

// judgeSession judges a session's streams and rolls them up with its
// failures and problem findings. The parse does it as each session is
// read, on every core; the findings are counted, not worded (see
// mediaProblems).
func judgeSession(se *Session) {
	se.Quality = Rollup{ProblemFindings: feedbackProblems(se)}
	if se.Failure != nil {
		se.Quality.Failures++
	}
	for _, sg := range se.Segments {
		sg.Quality = Rollup{}
		if sg.Failure != nil {
			sg.Quality.Failures++
		}
		for _, m := range sg.Media {
			m.Quality = Rollup{ProblemFindings: mediaProblems(m)}
			for _, st := range m.Streams {
				st.Kind = MediaKindOf(m.Label, st.AudioCodec, st.VideoCodec)
				st.Quality = Judge(st, st.Kind)
				m.Quality.addVerdict(st.Quality.Verdict)
			}
			sg.Quality.add(m.Quality)
		}
		se.Quality.add(sg.Quality)
		if sg.Failure != nil && sg.OwnFailure(se) == nil {
			se.Quality.Failures-- // the session's own, counted above
		}
	}
}
