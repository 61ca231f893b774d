// Package problems is the model of the problems list: one row per thing a
// support engineer should look at in a call (a failure, a poor stream, a
// problem or warning finding), worded, classified and placed in the tree,
// and the filtered, sorted views of those rows. It is plain data and pure
// functions: the explorer only draws what it returns.
package problems

import (
	"strconv"
	"strings"
	"time"

	"github.com/callscope/callscope/data"
	"github.com/callscope/callscope/findings"
	"github.com/callscope/callscope/quality"
	"github.com/callscope/callscope/text"
)

// Severity orders rows: the most severe is the smallest.
type Severity uint8

const (
	Failed  Severity = iota // a failureInfo
	Problem                 // a poor stream or a problem finding
	Warning                 // a warning finding
	severities
)

// Mark is the severity's mark, as the tree draws it: ⊘ failed, ✗ poor or a
// problem, ! a warning.
func (s Severity) Mark() string {
	switch s {
	case Failed:
		return "⊘"
	case Problem:
		return "✗"
	}
	return "!"
}

func (s Severity) String() string {
	switch s {
	case Failed:
		return "failed"
	case Problem:
		return "problem"
	}
	return "warning"
}

// Media is the kind of media a row concerns.
type Media uint8

const (
	Audio         Media = iota
	Video               // camera video
	ScreenSharing       // video-based and application (RDP) sharing
	OtherMedia          // data, or media of an unknown kind
	NoMedia             // a session's or a leg's failure, feedback
	medias
)

func (m Media) String() string {
	switch m {
	case Audio:
		return "audio"
	case Video:
		return "video"
	case ScreenSharing:
		return "screen sharing"
	case OtherMedia:
		return "other media"
	}
	return "none"
}

// mediaOf is the row's media for a stream's or a media's kind.
func mediaOf(k data.MediaKind) Media {
	switch k {
	case data.KindAudio:
		return Audio
	case data.KindVideo:
		return Video
	case data.KindVBSS, data.KindAppSharing:
		return ScreenSharing
	}
	return OtherMedia
}

// Category is what a problem is about.
type Category uint8

const (
	Network  Category = iota // a stream's metrics, the network's events, Wi-Fi
	Device                   // the microphone, the speaker, the CPU
	Feedback                 // what the participant said
	Failure                  // a failureInfo
	categories
)

func (c Category) String() string {
	switch c {
	case Network:
		return "network"
	case Device:
		return "device"
	case Feedback:
		return "feedback"
	}
	return "failure"
}

// deviceMetrics are the deviceInfo fields findings judge; every other
// metric a finding names is the network's (TestEveryFindingRuleHasACategory).
var deviceMetrics = map[string]bool{
	"captureNotFunctioningEventRatio": true, "renderNotFunctioningEventRatio": true,
	"cpuInsufficentEventRatio": true, "deviceClippingEventRatio": true, "deviceGlitchEventRatio": true,
	"lowSpeechLevelEventRatio": true, "lowSpeechToNoiseEventRatio": true, "renderMuteEventRatio": true,
	"renderZeroVolumeEventRatio": true, "micGlitchRate": true, "speakerGlitchRate": true, "howlingEventCount": true,
}

// Row is one problem.
type Row struct {
	Severity Severity
	// Who is the participant, or the leg ("PSTN leg +1425… via sbc1…");
	// What is the problem in words ("poor received audio: packet loss
	// 15.2 % > 10 %"). Both are clean, on one line.
	Who, What string
	Media     Media
	Category  Category
	// Time is when the node the row concerns started (zero when the record
	// does not say); Into is that time since the call's start, -1 when
	// either is unknown.
	Time time.Time
	Into time.Duration
	// At is the tree node to open: session, segment, media and stream
	// indices in the record's slices, -1 below the node's level (a failed
	// session is {Se: 3, Sg: -1, Md: -1, St: -1}). At.Rec is 0: the caller
	// knows the record's place in its file.
	At data.Place
}

// When is the time into the call, "12:04" or "1:02:04"; "—" when unknown.
func (r *Row) When() string {
	if r.Into < 0 {
		return "—"
	}
	s := int64(r.Into / time.Second)
	if s >= 3600 {
		return strconv.FormatInt(s/3600, 10) + ":" + two(s/60%60) + ":" + two(s%60)
	}
	return strconv.FormatInt(s/60, 10) + ":" + two(s%60)
}

func two(n int64) string {
	if n < 10 {
		return "0" + strconv.FormatInt(n, 10)
	}
	return strconv.FormatInt(n, 10)
}

// Build lists a record's problems, one row each (failures, then findings,
// then poor streams; a View sorts them): a failure (a session's, or a segment's own), a poor
// stream, and every problem or warning finding (Record.Findings) that is
// not about a poor stream, which its stream's row already says.
func Build(r *data.Record) []Row { return BuildWith(r, nil) }

// BuildWith is Build with more findings than the record's own: those of
// the PSTN and Direct Routing log rows matched to its legs (pstn's
// Call.Findings), each a failure-category row on its leg, or on the call
// when the row fits no leg.
func BuildWith(r *data.Record, more []data.Finding) []Row {
	b := builder{r: r, names: r.Names(), start: callStart(r)}
	b.rows = make([]Row, 0, r.Quality.Problems()+len(r.Findings))
	for i, se := range r.Sessions {
		if f := se.Failure; f != nil {
			b.add(Row{Severity: Failed, Category: Failure, Media: NoMedia, Who: b.names.SessionWho(se),
				What: findings.FailureWords(f)}, data.Place{Se: i, Sg: -1, Md: -1, St: -1})
		}
		for gi, sg := range se.Segments {
			if f := sg.OwnFailure(se); f != nil {
				caller, callee := data.SideOf(se, sg)
				b.add(Row{Severity: Failed, Category: Failure, Media: NoMedia, Who: b.names.LegWho(se, caller, callee),
					What: findings.FailureWords(f)}, data.Place{Se: i, Sg: gi, Md: -1, St: -1})
			}
		}
	}
	for _, f := range r.Findings {
		if f.Severity < data.Warning || f.Failure || !b.valid(f.At) || b.poorStream(f.At) {
			continue
		}
		row := Row{Severity: Warning, Who: f.Who, What: f.Text, Media: b.media(f.At), Category: categoryOf(f)}
		if f.Severity == data.Problem {
			row.Severity = Problem
		}
		b.add(row, f.At)
	}
	for i, se := range r.Sessions {
		if se.Quality.Poor == 0 {
			continue
		}
		for gi, sg := range se.Segments {
			caller, callee := data.SideOf(se, sg)
			for mi, m := range sg.Media {
				if m.Quality.Poor == 0 {
					continue
				}
				for si, st := range m.Streams {
					if st.Quality.Verdict != data.Poor {
						continue
					}
					b.add(Row{Severity: Problem, Category: Network, Media: mediaOf(st.Kind),
						Who:  b.names.LegWho(se, caller, callee),
						What: "poor " + findings.StreamWords(b.names, caller, callee, st) + ": " + reasons(st.Quality.Reasons)},
						data.Place{Se: i, Sg: gi, Md: mi, St: si})
				}
			}
		}
	}
	for _, f := range more {
		if f.Severity < data.Warning {
			continue
		}
		at := f.At
		if !b.valid(at) {
			at = data.Place{Se: -1, Sg: -1, Md: -1, St: -1} // the call as a whole
		}
		row := Row{Severity: Warning, Who: f.Who, What: f.Text, Media: Audio, Category: Failure}
		if f.Severity == data.Problem {
			row.Severity = Problem
		}
		b.add(row, at)
	}
	return b.rows
}

type builder struct {
	r     *data.Record
	names *data.Names
	start time.Time
	rows  []Row
}

// add cleans the row's words, places and times it, and keeps it.
func (b *builder) add(row Row, at data.Place) {
	at.Rec = 0
	row.At = at
	row.Who, row.What = text.OneLine(row.Who), text.OneLine(row.What)
	if row.Who == "" {
		row.Who = "(unnamed)"
	}
	row.Time = b.timeAt(at)
	row.Into = -1
	if !row.Time.IsZero() && !b.start.IsZero() {
		row.Into = max(row.Time.Sub(b.start), 0)
	}
	b.rows = append(b.rows, row)
}

// valid tells whether a place names nodes the record has (a finding made
// from another record, or a hand-made one, may not).
func (b *builder) valid(at data.Place) bool {
	if at.Se < 0 || at.Se >= len(b.r.Sessions) {
		return false
	}
	se := b.r.Sessions[at.Se]
	if at.Sg < 0 {
		return true
	}
	if at.Sg >= len(se.Segments) {
		return false
	}
	sg := se.Segments[at.Sg]
	if at.Md < 0 {
		return true
	}
	if at.Md >= len(sg.Media) {
		return false
	}
	return at.St < len(sg.Media[at.Md].Streams)
}

// poorStream tells whether a valid place is a poor stream.
func (b *builder) poorStream(at data.Place) bool {
	if at.St < 0 || at.Md < 0 || at.Sg < 0 {
		return false
	}
	return b.r.Sessions[at.Se].Segments[at.Sg].Media[at.Md].Streams[at.St].Quality.Verdict == data.Poor
}

// media is the media a valid place concerns: a stream's kind, a media's
// label (else its first stream's kind), none above.
func (b *builder) media(at data.Place) Media {
	if at.Sg < 0 || at.Md < 0 {
		return NoMedia
	}
	m := b.r.Sessions[at.Se].Segments[at.Sg].Media[at.Md]
	if at.St >= 0 {
		return mediaOf(m.Streams[at.St].Kind)
	}
	if len(m.Streams) > 0 {
		return mediaOf(m.Streams[0].Kind) // judged by the label, else the codecs
	}
	return mediaOf(quality.MediaKindOf(m.Label, "", ""))
}

// timeAt is when the node at a valid place started: its own start, else
// the nearest one above it that says.
func (b *builder) timeAt(at data.Place) time.Time {
	if at.Se < 0 {
		return b.start
	}
	se := b.r.Sessions[at.Se]
	if at.Sg >= 0 {
		sg := se.Segments[at.Sg]
		if at.St >= 0 && at.Md >= 0 {
			if t := sg.Media[at.Md].Streams[at.St].Start; !t.IsZero() {
				return t
			}
		}
		if !sg.Start.IsZero() {
			return sg.Start
		}
	}
	return se.Start
}

// callStart is the call's start, else its first session's.
func callStart(r *data.Record) time.Time {
	if !r.Start.IsZero() {
		return r.Start
	}
	var t time.Time
	for _, se := range r.Sessions {
		if !se.Start.IsZero() && (t.IsZero() || se.Start.Before(t)) {
			t = se.Start
		}
	}
	return t
}

func categoryOf(f data.Finding) Category {
	switch {
	case f.Failure:
		return Failure
	case f.Metric == "":
		return Feedback
	case deviceMetrics[f.Metric]:
		return Device
	}
	return Network
}

// reasons words a poor verdict's reasons: "packet loss 15.2 % > 10 %,
// jitter 45 ms > 30 ms".
func reasons(rs []data.Reason) string {
	if len(rs) == 1 {
		return rs[0].Text()
	}
	parts := make([]string, len(rs))
	for i, r := range rs {
		parts[i] = r.Text()
	}
	return strings.Join(parts, ", ")
}
