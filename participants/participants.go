// Package participants is the model of the participants view: one row per
// participant (as data.Record.People finds them) with what a support
// engineer compares people by (the worst verdict, the worst audio metric,
// the connection and Wi-Fi signal, the platform, the address), sorts and
// filters over the rows, and who is in the call at a moment of it. Plain
// data and pure functions: the explorer only draws them.
package participants

import (
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/callscope/callscope/data"
	"github.com/callscope/callscope/findings"
	"github.com/callscope/callscope/internal/parallel"
	"github.com/callscope/callscope/quality"
	"github.com/callscope/callscope/text"
)

// Row is one participant. Every string is clean, on one line.
type Row struct {
	Name string
	Role string // user, phone, guest, Auto attendant, Bot, ... in words
	// Sessions are the participant's sessions, indices into
	// Record.Sessions (for `enter`: the tree shows only these).
	Sessions []int
	Quality  data.Rollup // over those sessions; Quality.State() is the worst verdict
	// Worst is the participant's worst audio measurement, relative to its
	// Call Quality Dashboard limit; Worst.Words is "" when no audio stream
	// was measured.
	Worst Metric
	// Loss and RoundTrip are the worst average packet loss and round trip
	// over the participant's audio streams (for the sorts).
	Loss      data.Opt[float64]
	RoundTrip data.Opt[time.Duration]
	// lossPoor and roundTripPoor: those worst values' streams were judged
	// poor (see Metric.Over).
	lossPoor, roundTripPoor bool
	// Connection is each connection type seen, in words, a Wi-Fi one with
	// the band and the weakest signal: "Wi-Fi 2.4 GHz 38 %", "wired ·
	// Wi-Fi 5 GHz 71 %"; "" when no network was reported.
	Connection string
	WifiSignal data.Opt[int64] // the weakest Wi-Fi signal, percent
	Platform   string          // "Windows", "macOS · iOS"
	// ReflexiveIPs and Subnets are the distinct addresses seen on the
	// participant's side, in first-seen order.
	ReflexiveIPs, Subnets []string
}

// Metric is one measurement in words: "loss 15.2 %".
type Metric struct {
	Field string // the Graph field: averagePacketLossRate, averageJitter, averageRoundTripTime
	Words string
	// Over: beyond its CQD limit on a stream the rules judged poor (a
	// stream with too few packets is not judged): the value to highlight.
	Over  bool
	ratio float64
}

// Address is the reflexive IP and subnet as shown: "203.0.113.7 /
// 10.0.0.0", with "+2" when more were seen; "" when none was.
func (r *Row) Address() string {
	more := func(list []string) string {
		if len(list) == 0 {
			return ""
		}
		if len(list) > 1 {
			return list[0] + " +" + strconv.Itoa(len(list)-1)
		}
		return list[0]
	}
	ip, sub := more(r.ReflexiveIPs), more(r.Subnets)
	switch {
	case ip == "":
		return sub
	case sub == "":
		return ip
	}
	return ip + " / " + sub
}

// Mark is the participant's mark, as the tree draws a node's: ⊘ failed, ✗
// a problem, ✓ good, · nothing to judge.
func (r *Row) Mark() string {
	switch r.Quality.State() {
	case data.StateFailed:
		return "⊘"
	case data.StateProblem:
		return "✗"
	case data.StateGood:
		return "✓"
	}
	return "·"
}

// Build lists the record's participants in the order of Record.People
// (the participant list, then the people only the sessions name).
func Build(r *data.Record) []Row {
	people := r.People()
	rows := make([]Row, len(people))
	// Shared between the cores: a row reads every stream of its person's
	// sessions (half of opening the view of a 7,500-session meeting).
	workers := parallel.Workers(len(people))
	parallel.Run(workers, func(w int) {
		for i := w; i < len(people); i += workers {
			rows[i] = row(r, &people[i])
		}
	})
	return rows
}

func row(r *data.Record, p *data.Person) Row {
	out := Row{Name: text.OneLine(p.Name), Role: text.OneLine(p.Kind), Sessions: p.Sessions, Quality: p.Quality}
	if out.Name == "" {
		out.Name = "(unnamed)"
	}
	platforms := make([]string, 0, len(p.Platforms))
	for _, s := range p.Platforms {
		platforms = appendNew(platforms, text.OneLine(data.Words("platform", s)))
	}
	out.Platform = strings.Join(platforms, " · ")
	audio(r, p, &out)
	network(p, &out)
	return out
}

// audio finds the worst audio measurements of the participant's sessions:
// the worst loss and round trip, and the one measurement furthest beyond
// (or nearest to) its CQD limit.
func audio(r *data.Record, p *data.Person, out *Row) {
	// The worst is worded once, at the end: a big meeting's participant
	// has hundreds of streams.
	var worst *data.Stream
	for _, si := range p.Sessions {
		if si < 0 || si >= len(r.Sessions) {
			continue
		}
		for _, sg := range r.Sessions[si].Segments {
			for _, m := range sg.Media {
				for _, st := range m.Streams {
					if st.Kind != data.KindAudio {
						continue
					}
					poor := st.Quality.Verdict == data.Poor
					if v := st.AveragePacketLossRate; v.OK && (!out.Loss.OK || v.V > out.Loss.V) {
						out.Loss, out.lossPoor = v, poor
					}
					if v := st.AverageRoundTripTime; v.OK && (!out.RoundTrip.OK || v.V > out.RoundTrip.V) {
						out.RoundTrip, out.roundTripPoor = v, poor
					}
					for i := range quality.AudioRules {
						t := &quality.AudioRules[i]
						v := t.Of(st)
						if !v.OK || t.Limit <= 0 {
							continue
						}
						if ratio := v.V / t.Limit; worst == nil || ratio > out.Worst.ratio {
							worst = st
							out.Worst = Metric{Field: t.Metric, ratio: ratio, Over: v.V > t.Limit && poor}
						}
					}
				}
			}
		}
	}
	if worst != nil {
		out.Worst.Words = metricWords(out.Worst.Field, worst)
	}
}

// metricWords is a stream's value of an audio rule's metric, as the
// participants view shows it.
func metricWords(field string, st *data.Stream) string {
	switch field {
	case "averagePacketLossRate":
		return "loss " + text.FormatPercent(st.AveragePacketLossRate.V)
	case "averageJitter":
		return "jitter " + text.FormatMillis(st.AverageJitter.V)
	}
	return "round trip " + text.FormatMillis(st.AverageRoundTripTime.V)
}

// network says the participant's connections, the weakest Wi-Fi signal
// and the addresses.
func network(p *data.Person, out *Row) {
	var kinds []string
	band := ""
	for _, n := range p.Networks {
		kind := n.ConnectionType
		if kind != "wired" && kind != "wifi" { // Graph's spelling needs no folding
			kind = strings.ToLower(kind)
		}
		wifi := kind == "wifi" || (kind == "" && n.WifiBand != "")
		if wifi {
			kind = "wifi"
			if s := n.WifiSignalStrength; s.OK && (!out.WifiSignal.OK || s.V < out.WifiSignal.V) {
				out.WifiSignal = s
				band = n.WifiBand
			} else if band == "" && !out.WifiSignal.OK {
				band = n.WifiBand
			}
		}
		if kind != "" && kind != "unknown" && !slices.Contains(kinds, kind) {
			kinds = append(kinds, kind)
		}
		if ip := text.OneLine(n.ReflexiveIPAddress); ip != "" {
			out.ReflexiveIPs = appendNew(out.ReflexiveIPs, ip)
		}
		if sub := text.OneLine(n.Subnet); sub != "" {
			out.Subnets = appendNew(out.Subnets, sub)
		}
	}
	words := make([]string, len(kinds))
	for i, k := range kinds {
		words[i] = text.OneLine(data.Words("connectionType", k))
		if k != "wifi" {
			continue
		}
		if b := text.OneLine(data.Words("wifiBand", band)); b != "" && b != "unknown" {
			words[i] += " " + b
		}
		if out.WifiSignal.OK {
			words[i] += " " + strconv.FormatInt(out.WifiSignal.V, 10) + " %"
		}
	}
	out.Connection = strings.Join(words, " · ")
}

func appendNew(list []string, s string) []string {
	if s == "" || slices.Contains(list, s) {
		return list
	}
	return append(list, s)
}

// Shown is the audio measurement a sort is by, as the view shows it in
// its metric column: the worst loss sorted by loss, the worst round trip
// sorted by round trip, else the worst measurement (Worst). Over says it
// is beyond its Call Quality Dashboard limit; Words is "" when unmeasured.
func (r *Row) Shown(s Sort) Metric {
	switch s {
	case ByLoss:
		if !r.Loss.OK {
			return Metric{Field: "averagePacketLossRate"}
		}
		return Metric{Field: "averagePacketLossRate", Words: "loss " + text.FormatPercent(r.Loss.V),
			Over: r.lossPoor && r.Loss.V > audioLimit("averagePacketLossRate")}
	case ByRoundTrip:
		if !r.RoundTrip.OK {
			return Metric{Field: "averageRoundTripTime"}
		}
		return Metric{Field: "averageRoundTripTime", Words: "round trip " + text.FormatMillis(r.RoundTrip.V),
			Over: r.roundTripPoor && r.RoundTrip.V.Seconds() > audioLimit("averageRoundTripTime")}
	}
	return r.Worst
}

// audioLimit is an audio rule's limit (a fraction, or seconds).
func audioLimit(field string) float64 {
	for _, t := range quality.AudioRules {
		if t.Metric == field {
			return t.Limit
		}
	}
	return math.Inf(1)
}

// WeakWifi tells whether the weakest Wi-Fi signal is below the limit at
// which the findings warn of it: the value to highlight.
func (r *Row) WeakWifi() bool {
	if !r.WifiSignal.OK {
		return false
	}
	for _, rule := range findings.Rules {
		if rule.Metric == "wifiSignalStrength" {
			return float64(r.WifiSignal.V) < rule.Limit
		}
	}
	return false
}
