// Package quality judges streams by Microsoft's Call Quality Dashboard
// rules (one table of limits) and rolls the verdicts up to media, segments,
// sessions and the call, with failures and problem findings.
package quality

import (
	"github.com/callscope/callscope/data"
	"github.com/callscope/callscope/findings"
	"github.com/callscope/callscope/text"
	"strconv"
	"strings"
	"time"
)

// MediaKindOf reads the kind from the media label when it says, else from
// the stream's codec.
func MediaKindOf(label, audioCodec, videoCodec string) data.MediaKind {
	l := strings.ToLower(label)
	switch {
	case strings.Contains(l, "applicationsharing-video") || strings.Contains(l, "vbss"):
		return data.KindVBSS
	case strings.Contains(l, "applicationsharing"):
		return data.KindAppSharing
	case strings.Contains(l, "audio"):
		return data.KindAudio
	case strings.Contains(l, "video"):
		return data.KindVideo
	case strings.Contains(l, "data"):
		return data.KindData
	}
	switch {
	case audioCodec != "" && !strings.EqualFold(audioCodec, "unknown"):
		return data.KindAudio
	case strings.EqualFold(videoCodec, "h264s"):
		return data.KindVBSS
	case videoCodec != "" && !strings.EqualFold(videoCodec, "unknown"):
		return data.KindVideo
	}
	return data.KindUnknown
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
	// Of reads the metric from a stream, in the unit of Limit.
	Of func(*data.Stream) data.Opt[float64]
}

// The CQD classification rules, in one table.
var (
	AudioPacketUtilization = Threshold{"packetUtilization", "packet utilization", 500, false, unitPackets,
		func(s *data.Stream) data.Opt[float64] { return count(s.PacketUtilization) }}
	AudioRules = []Threshold{
		{"averageRoundTripTime", "round trip", 0.500, false, unitMillis,
			func(s *data.Stream) data.Opt[float64] { return seconds(s.AverageRoundTripTime) }},
		{"averagePacketLossRate", "packet loss", 0.1, false, unitRatio,
			func(s *data.Stream) data.Opt[float64] { return s.AveragePacketLossRate }},
		{"averageJitter", "jitter", 0.030, false, unitMillis,
			func(s *data.Stream) data.Opt[float64] { return seconds(s.AverageJitter) }},
	}
	// Older published rules: shown as notes, never as the verdict.
	AudioLegacyNotes = []Threshold{
		{"averageAudioDegradation", "audio degradation (legacy rule)", 1.0, false, unitPackets,
			func(s *data.Stream) data.Opt[float64] { return s.AverageAudioDegradation }},
		{"averageRatioOfConcealedSamples", "concealed samples (legacy rule)", 0.07, false, unitRatio,
			func(s *data.Stream) data.Opt[float64] { return s.AverageRatioOfConcealedSamples }},
	}
	// Video and screen sharing: the FIRST metric present decides alone.
	VideoRules = []Threshold{
		{"averageVideoFrameLossPercentage", "video frame loss", 50, false, unitPercent,
			func(s *data.Stream) data.Opt[float64] { return s.AverageVideoFrameLossPercentage }},
		{"averageVideoFrameRate", "frame rate", 7, true, unitFPS,
			func(s *data.Stream) data.Opt[float64] { return s.AverageVideoFrameRate }},
		{"postForwardErrorCorrectionPacketLossRate", "post-FEC packet loss", 0.15, false, unitRatio,
			func(s *data.Stream) data.Opt[float64] { return s.PostFECPacketLossRate }},
	}
	VBSSRules = []Threshold{
		VideoRules[0],
		{"averageVideoFrameRate", "frame rate", 2, true, unitFPS, VideoRules[1].Of},
		VideoRules[2],
	}
)

// seconds and count put a duration or a count in a threshold's unit.
func seconds(d data.Opt[time.Duration]) data.Opt[float64] {
	if !d.OK {
		return data.Opt[float64]{}
	}
	return data.Some(d.V.Seconds())
}

func count(n data.Opt[int64]) data.Opt[float64] {
	if !n.OK {
		return data.Opt[float64]{}
	}
	return data.Some(float64(n.V))
}

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

func (t *Threshold) reason(v float64) data.Reason {
	return data.Reason{Metric: t.Metric, Value: v, Rule: t}
}

// fixed is a reason that is no comparison.
func fixed(metric, says string) data.Reason { return data.Reason{Metric: metric, Says: says} }

// Words says a comparison: "packet loss 15.2 % > 10 %".
func (t *Threshold) Words(v float64) string {
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

// tooFew words the reason of an audio stream left unclassified for its
// packet utilization: "packet utilization 67 ≤ 500" read like a pass.
type tooFew struct{ t *Threshold }

// tooFewPackets is the one tooFew: a reason holds it without allocating.
var tooFewPackets data.Rule = tooFew{&AudioPacketUtilization}

// Words says "only 67 packets: too few to judge (CQD needs > 500)".
func (f tooFew) Words(v float64) string {
	n := "no packets"
	if v != 0 {
		n = "only " + text.TrimFloat(v, 2) + " packets"
		if v == 1 {
			n = "only 1 packet"
		}
	}
	return n + ": too few to judge (CQD needs > " + f.t.limitText() + ")"
}

// Judge classifies a stream by the CQD rules.
func Judge(s *data.Stream, kind data.MediaKind) data.Judgement {
	switch kind {
	case data.KindAudio:
		return judgeAudio(s)
	case data.KindVideo:
		return judgeVideo(s, VideoRules, "video")
	case data.KindVBSS:
		return judgeVideo(s, VBSSRules, "screen sharing")
	case data.KindAppSharing:
		return data.Judgement{Reasons: []data.Reason{fixed("", "application sharing (RDP) metrics are not in Graph")}}
	case data.KindData:
		return data.Judgement{Reasons: []data.Reason{fixed("", "data streams are not classified")}}
	}
	return data.Judgement{Reasons: []data.Reason{fixed("", "media kind unknown (no label or codec)")}}
}

func judgeAudio(s *data.Stream) data.Judgement {
	var j data.Judgement
	for i := range AudioLegacyNotes {
		t := &AudioLegacyNotes[i]
		if v := t.Of(s); v.OK && t.crossed(v.V) {
			j.Notes = append(j.Notes, t.reason(v.V))
		}
	}
	pu := AudioPacketUtilization.Of(s)
	if !pu.OK {
		j.Reasons = []data.Reason{fixed(AudioPacketUtilization.Metric, "packet utilization missing")}
		return j
	}
	if !AudioPacketUtilization.crossed(pu.V) {
		j.Reasons = []data.Reason{{Metric: AudioPacketUtilization.Metric, Value: pu.V, Rule: tooFewPackets}}
		return j
	}
	var good []data.Reason
	seen := false
	for i := range AudioRules {
		t := &AudioRules[i]
		v := t.Of(s)
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
		j.Verdict = data.Poor
	case !seen:
		j.Reasons = []data.Reason{fixed("", "no round trip, packet loss or jitter")}
	default:
		j.Verdict = data.Good
		j.Reasons = good
	}
	return j
}

func judgeVideo(s *data.Stream, rules []Threshold, what string) data.Judgement {
	for i := range rules {
		t := &rules[i]
		v := t.Of(s)
		if !v.OK {
			continue
		}
		j := data.Judgement{Verdict: data.Good, Reasons: []data.Reason{t.reason(v.V)}}
		if t.crossed(v.V) {
			j.Verdict = data.Poor
		}
		return j
	}
	return data.Judgement{Reasons: []data.Reason{fixed("", "no frame loss, frame rate or post-FEC loss for "+what)}}
}

// RollUp rolls up a record's sessions, each judged as it was parsed.
func RollUp(rec *data.Record) {
	rec.Quality = data.Rollup{}
	for _, se := range rec.Sessions {
		rec.Quality.Add(se.Quality)
	}
}

// JudgeSession judges a session's streams and rolls them up with its failures
// and problem findings. The loader does it as each session is read, on
// every core; the findings are counted, not worded (see
// findings.MediaProblems).
func JudgeSession(se *data.Session) {
	se.Quality = data.Rollup{ProblemFindings: findings.FeedbackProblems(se)}
	if se.Failure != nil {
		se.Quality.Failures++
	}
	for _, sg := range se.Segments {
		sg.Quality = data.Rollup{}
		if sg.Failure != nil {
			sg.Quality.Failures++
		}
		for _, m := range sg.Media {
			m.Quality = data.Rollup{ProblemFindings: findings.MediaProblems(m)}
			for _, st := range m.Streams {
				st.Kind = MediaKindOf(m.Label, st.AudioCodec, st.VideoCodec)
				st.Quality = Judge(st, st.Kind)
				m.Quality.AddVerdict(st.Quality.Verdict)
			}
			sg.Quality.Add(m.Quality)
		}
		se.Quality.Add(sg.Quality)
		if sg.Failure != nil && sg.OwnFailure(se) == nil {
			se.Quality.Failures-- // the session's own, counted above
		}
	}
}
