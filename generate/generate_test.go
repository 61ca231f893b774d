package generate

import (
	"bytes"
	"encoding/json"
	"errors"
	"github.com/callscope/callscope/samples"
	"io"
	"math"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"
)

func generate(t testing.TB, o Options) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := Record(&buf, o); err != nil {
		t.Fatalf("Record(%+v): %v", o, err)
	}
	return buf.Bytes()
}

func decode(t testing.TB, data []byte) map[string]any {
	t.Helper()
	if !json.Valid(data) {
		t.Fatal("output is not valid JSON")
	}
	var rec map[string]any
	if err := json.Unmarshal(data, &rec); err != nil {
		t.Fatalf("decode: %v", err)
	}
	return rec
}

func TestGenerateValidJSONAndSessionCount(t *testing.T) {
	for _, n := range []int{0, 1, 2, 7, 61, 250} {
		rec := decode(t, generate(t, Options{Sessions: n, Seed: 1}))
		sessions, ok := rec["sessions"].([]any)
		if !ok {
			t.Fatalf("n=%d: no sessions array", n)
		}
		if len(sessions) != n {
			t.Errorf("n=%d: got %d sessions", n, len(sessions))
		}
		if _, ok := rec["sessions@odata.nextLink"]; ok {
			t.Errorf("n=%d: nextLink present without NextLink", n)
		}
		for _, k := range []string{"@odata.context", "id", "version", "type", "startDateTime",
			"endDateTime", "lastModifiedDateTime", "organizer_v2", "participants_v2"} {
			if _, ok := rec[k]; !ok {
				t.Errorf("n=%d: missing %q", n, k)
			}
		}
	}
}

// TestGenerateCurrentShape: records fetched since 2026-06-30 have no organizer,
// participants or endpoint identity; every participant endpoint's associatedIdentity id
// is an entry of participants_v2, which is what names it.
func TestGenerateCurrentShape(t *testing.T) {
	rec := decode(t, generate(t, Options{Sessions: 300, Seed: 3}))
	for _, k := range []string{"organizer", "participants"} {
		if _, ok := rec[k]; ok {
			t.Errorf("deprecated %q is written", k)
		}
	}
	known := map[string]bool{}
	for _, p := range rec["participants_v2"].([]any) {
		known[p.(map[string]any)["id"].(string)] = true
	}
	endpoints, phones := 0, 0
	check := func(e any) {
		ep, _ := e.(map[string]any)
		if _, ok := ep["identity"]; ok {
			t.Fatalf("an endpoint has the deprecated identity: %v", ep)
		}
		if ep["@odata.type"] != "#microsoft.graph.callRecords.participantEndpoint" {
			return
		}
		endpoints++
		id, _ := ep["associatedIdentity"].(map[string]any)["id"].(string)
		if !known[id] {
			t.Fatalf("participant endpoint %q is not in participants_v2", id)
		}
		if strings.HasPrefix(id, "+") {
			phones++
		}
	}
	for _, s := range rec["sessions"].([]any) {
		sess := s.(map[string]any)
		check(sess["caller"])
		check(sess["callee"])
		for _, g := range sess["segments"].([]any) {
			check(g.(map[string]any)["caller"])
			check(g.(map[string]any)["callee"])
		}
	}
	if endpoints == 0 || phones == 0 {
		t.Errorf("%d participant endpoints, %d phones: want both", endpoints, phones)
	}
}

// TestGenerateFlushBoundaries covers many small records, so that the buffer is flushed
// right after the last session in some of them.
func TestGenerateFlushBoundaries(t *testing.T) {
	for seed := int64(0); seed < 4; seed++ {
		for n := 1; n <= 40; n++ {
			for _, share := range []float64{0, -1} {
				data := generate(t, Options{Sessions: n, Seed: seed, PoorShare: share, NextLink: n%2 == 0})
				if !json.Valid(data) {
					t.Fatalf("seed %d, %d sessions, PoorShare %v: invalid JSON", seed, n, share)
				}
			}
		}
	}
}

func TestGenerateDeterministic(t *testing.T) {
	a := generate(t, Options{Sessions: 120, Seed: 42})
	b := generate(t, Options{Sessions: 120, Seed: 42})
	if !bytes.Equal(a, b) {
		t.Error("same seed gave different output")
	}
	c := generate(t, Options{Sessions: 120, Seed: 43})
	if bytes.Equal(a, c) {
		t.Error("different seeds gave the same output")
	}
}

func TestGenerateNextLink(t *testing.T) {
	data := generate(t, Options{Sessions: 3, Seed: 7, NextLink: true})
	rec := decode(t, data)
	link, _ := rec["sessions@odata.nextLink"].(string)
	if !strings.HasPrefix(link, "https://graph.microsoft.com/v1.0/communications/callRecords('") ||
		!strings.Contains(link, "$skiptoken=") {
		t.Errorf("sessions@odata.nextLink = %q", link)
	}
	if len(rec["sessions"].([]any)) != 3 {
		t.Error("NextLink changed the session count")
	}
}

func TestGenerateOptionErrors(t *testing.T) {
	for _, o := range []Options{
		{Sessions: -1},
		{Sessions: 1, PoorShare: 1.5},
		{Sessions: 1, PoorShare: math.NaN()},
	} {
		if err := Record(io.Discard, o); err == nil {
			t.Errorf("Record(%+v): want an error", o)
		}
	}
}

type failAfter struct{ n int }

func (w *failAfter) Write(p []byte) (int, error) {
	if len(p) > w.n {
		return w.n, errors.New("disk full")
	}
	w.n -= len(p)
	return len(p), nil
}

func TestGenerateWriteError(t *testing.T) {
	err := Record(&failAfter{n: 100000}, Options{Sessions: 200, Seed: 1})
	if err == nil || !strings.Contains(err.Error(), "disk full") {
		t.Errorf("got %v, want the writer's error", err)
	}
}

// TestGenerateShape checks the Graph shape: times nest, durations are ISO 8601, PSTN
// sessions pass a mediation server and a gateway, and the feature mix is present.
func TestGenerateShape(t *testing.T) {
	rec := decode(t, generate(t, Options{Sessions: 400, Seed: 5}))
	callStart, callEnd := mustTime(t, rec["startDateTime"]), mustTime(t, rec["endDateTime"])
	if !callStart.Before(callEnd) {
		t.Fatal("call ends before it starts")
	}
	seen := map[string]int{}
	for i, s := range rec["sessions"].([]any) {
		sess := s.(map[string]any)
		ss, se := mustTime(t, sess["startDateTime"]), mustTime(t, sess["endDateTime"])
		if ss.Before(callStart) || se.After(callEnd) || se.Before(ss) {
			t.Errorf("session %d [%v, %v] outside the call [%v, %v]", i, ss, se, callStart, callEnd)
		}
		if sess["failureInfo"] != nil {
			seen["failureInfo"]++
		}
		segs := sess["segments"].([]any)
		seen["segments"+strconv.Itoa(len(segs))]++
		for _, g := range segs {
			seg := g.(map[string]any)
			gs, ge := mustTime(t, seg["startDateTime"]), mustTime(t, seg["endDateTime"])
			if gs.Before(ss) || ge.After(se) || ge.Before(gs) {
				t.Errorf("session %d: segment [%v, %v] outside [%v, %v]", i, gs, ge, ss, se)
			}
			for _, side := range []string{"caller", "callee"} {
				if role := roleOf(seg[side]); role != "" {
					seen[role]++
				}
			}
			for _, m := range seg["media"].([]any) {
				med := m.(map[string]any)
				seen[med["label"].(string)]++
				for _, side := range []string{"callerNetwork", "calleeNetwork"} {
					if n, ok := med[side].(map[string]any); ok {
						if hops, _ := n["traceRouteHops"].([]any); len(hops) > 0 {
							seen["traceRouteHops"]++
							for _, h := range hops {
								checkDuration(t, h.(map[string]any)["roundTripTime"])
							}
						}
					}
				}
				for _, st := range med["streams"].([]any) {
					stream := st.(map[string]any)
					for _, k := range durationFields {
						if v, ok := stream[k]; ok && v != nil {
							checkDuration(t, v)
						}
					}
				}
			}
		}
	}
	for _, k := range []string{"failureInfo", "segments1", "segments2", "segments3", "mediationServer",
		"gateway", "skypeForBusinessAudioVideoMcu", "main-audio", "main-video",
		"applicationsharing-video", "data", "traceRouteHops"} {
		if seen[k] == 0 {
			t.Errorf("no %s in 400 sessions (seen: %v)", k, seen)
		}
	}
}

func TestGeneratePoorShare(t *testing.T) {
	for _, tc := range []struct {
		share, want, tol float64
	}{
		{0, DefaultPoorShare, 0.02},
		{0.3, 0.3, 0.05},
		{-1, 0, 0},
	} {
		rec := decode(t, generate(t, Options{Sessions: 400, Seed: 9, PoorShare: tc.share}))
		c := classifyRecord(rec)
		got := float64(c.poor) / float64(c.poor+c.good)
		if math.Abs(got-tc.want) > tc.tol {
			t.Errorf("PoorShare %v: poor share %.4f (%d of %d), want %.2f±%.2f",
				tc.share, got, c.poor, c.poor+c.good, tc.want, tc.tol)
		}
		if c.unclassified == 0 {
			t.Errorf("PoorShare %v: no unclassified streams", tc.share)
		}
	}
}

// ---------------------------------------------------------------------------------------
// The embedded demo (package samples), checked with the same small copy of
// the rules as the generated records.

func TestDemo(t *testing.T) {
	rec := decode(t, samples.Demo)
	if samples.DemoName != "demo.json" {
		t.Errorf("DemoName = %q", samples.DemoName)
	}
	var hops, failures int
	roles := map[string]bool{}
	labels := map[string]bool{}
	walk(rec, func(k string, v any) {
		switch k {
		case "traceRouteHops":
			if a, _ := v.([]any); len(a) > 0 {
				hops++
				for _, h := range a {
					checkDuration(t, h.(map[string]any)["roundTripTime"])
				}
			}
		case "failureInfo":
			if m, _ := v.(map[string]any); m["stage"] != nil && m["reason"] != nil {
				failures++
			}
		case "role":
			s, _ := v.(string)
			roles[s] = true
		case "label":
			s, _ := v.(string)
			labels[s] = true
		case "averageJitter", "maxJitter", "averageRoundTripTime", "maxRoundTripTime",
			"averageAudioNetworkJitter", "maxAudioNetworkJitter", "averageFreezeDuration",
			"rmsFreezeDuration":
			if v != nil {
				checkDuration(t, v)
			}
		}
	})
	if hops == 0 {
		t.Error("demo has no traceRouteHops with entries")
	}
	if failures == 0 {
		t.Error("demo has no failureInfo")
	}
	for _, r := range []string{"mediationServer", "gateway", "skypeForBusinessAudioVideoMcu"} {
		if !roles[r] {
			t.Errorf("demo has no %s role", r)
		}
	}
	for _, l := range []string{"applicationsharing-video", "main-audio", "main-video", "data"} {
		if !labels[l] {
			t.Errorf("demo has no %s media", l)
		}
	}
	// The verdicts README.md promises.
	c := classifyRecord(rec)
	wantPoor := []string{"3847120569", "4012377591", "1045839227", "2294710036"}
	if strings.Join(c.poorIDs, ",") != strings.Join(wantPoor, ",") {
		t.Errorf("poor streams %v, want %v", c.poorIDs, wantPoor)
	}
	if !bytes.Contains(samples.Demo, []byte(`"packetUtilization": 300,`)) ||
		!bytes.Contains(samples.Demo, []byte(`"futureMetricRatio": 0.5`)) ||
		!bytes.Contains(samples.Demo, []byte(`"connectionType": "satellite"`)) ||
		!bytes.Contains(samples.Demo, []byte(`"cpuInsufficentEventRatio": 0.12`)) {
		t.Error("demo lost one of its edge cases")
	}
}

// ---------------------------------------------------------------------------------------
// Helpers: a small copy of the Call Quality Dashboard rules, enough to check the data.

var durationFields = []string{"averageJitter", "maxJitter", "averageRoundTripTime",
	"maxRoundTripTime", "averageAudioNetworkJitter", "maxAudioNetworkJitter",
	"averageFreezeDuration", "rmsFreezeDuration"}

var isoDuration = regexp.MustCompile(`^PT(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?$`)

func checkDuration(t testing.TB, v any) {
	t.Helper()
	s, _ := v.(string)
	if s == "PT" || !isoDuration.MatchString(s) {
		t.Errorf("bad ISO 8601 duration %v", v)
	}
}

// ms converts an ISO 8601 duration to milliseconds; ok is false for null or missing.
func ms(v any) (float64, bool) {
	s, _ := v.(string)
	m := isoDuration.FindStringSubmatch(s)
	if m == nil || s == "PT" {
		return 0, false
	}
	var total float64
	if m[1] != "" {
		n, _ := strconv.ParseFloat(m[1], 64)
		total += n * 60000
	}
	if m[2] != "" {
		n, _ := strconv.ParseFloat(m[2], 64)
		total += n * 1000
	}
	return total, true
}

func num(v any) (float64, bool) {
	f, ok := v.(float64)
	return f, ok
}

func mustTime(t testing.TB, v any) time.Time {
	t.Helper()
	s, _ := v.(string)
	tm, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		t.Fatalf("bad time %v: %v", v, err)
	}
	return tm
}

func roleOf(ep any) string {
	m, _ := ep.(map[string]any)
	ua, _ := m["userAgent"].(map[string]any)
	r, _ := ua["role"].(string)
	return r
}

func walk(v any, f func(k string, v any)) {
	switch x := v.(type) {
	case map[string]any:
		for k, c := range x {
			f(k, c)
			walk(c, f)
		}
	case []any:
		for _, c := range x {
			walk(c, f)
		}
	}
}

type counts struct {
	poor, good, unclassified int
	poorIDs                  []string
}

func classifyRecord(rec map[string]any) counts {
	var c counts
	for _, s := range rec["sessions"].([]any) {
		for _, g := range s.(map[string]any)["segments"].([]any) {
			for _, m := range g.(map[string]any)["media"].([]any) {
				med := m.(map[string]any)
				label, _ := med["label"].(string)
				for _, st := range med["streams"].([]any) {
					stream := st.(map[string]any)
					var v string
					switch label {
					case "main-audio":
						v = classifyAudio(stream)
					case "main-video":
						v = classifyVideo(stream, 7)
					case "applicationsharing-video":
						v = classifyVideo(stream, 2)
					default:
						continue
					}
					switch v {
					case "poor":
						c.poor++
						c.poorIDs = append(c.poorIDs, stream["streamId"].(string))
					case "good":
						c.good++
					default:
						c.unclassified++
					}
				}
			}
		}
	}
	return c
}

func classifyAudio(s map[string]any) string {
	util, ok := num(s["packetUtilization"])
	if !ok || util <= 500 {
		return "unclassified"
	}
	rtt, okR := ms(s["averageRoundTripTime"])
	loss, okL := num(s["averagePacketLossRate"])
	jit, okJ := ms(s["averageJitter"])
	if !okR && !okL && !okJ {
		return "unclassified"
	}
	if (okR && rtt > 500) || (okL && loss > 0.1) || (okJ && jit > 30) {
		return "poor"
	}
	return "good"
}

func classifyVideo(s map[string]any, minFPS float64) string {
	if v, ok := num(s["averageVideoFrameLossPercentage"]); ok {
		return verdict(v > 50)
	}
	if v, ok := num(s["averageVideoFrameRate"]); ok {
		return verdict(v < minFPS)
	}
	if v, ok := num(s["postForwardErrorCorrectionPacketLossRate"]); ok {
		return verdict(v > 0.15)
	}
	return "unclassified"
}

func verdict(poor bool) string {
	if poor {
		return "poor"
	}
	return "good"
}

func BenchmarkGenerate7500(b *testing.B) {
	var n countWriter
	for b.Loop() {
		n = 0
		if err := Record(&n, Options{Sessions: 7500, Seed: 1}); err != nil {
			b.Fatal(err)
		}
	}
	b.SetBytes(int64(n))
	b.ReportMetric(float64(n)/7500, "bytes/session")
}

type countWriter int64

func (w *countWriter) Write(p []byte) (int, error) {
	*w += countWriter(len(p))
	return len(p), nil
}
