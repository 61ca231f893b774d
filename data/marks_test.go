package data

import (
	"bytes"
	"fmt"
	"testing"

	"github.com/callscope/callscope/samples"
)

// goodAudio is a stream CQD judges good.
const goodAudio = `{"streamDirection":"callerToCallee","packetUtilization":900,"averageRoundTripTime":"PT0.02S","averagePacketLossRate":0,"averageJitter":"PT0.004S"}`

func TestRollupStatePrecedence(t *testing.T) {
	cases := []struct {
		r    Rollup
		want State
	}{
		{Rollup{}, StateUnclassified},
		{Rollup{Unclassified: 3}, StateUnclassified},
		{Rollup{Good: 1, Unclassified: 3}, StateGood},
		{Rollup{Good: 5, ProblemFindings: 1}, StateProblem}, // good streams, a microphone not working
		{Rollup{Unclassified: 2, ProblemFindings: 1}, StateProblem},
		{Rollup{Good: 5, Poor: 1}, StateProblem},
		{Rollup{Poor: 3, Failures: 1}, StateFailed}, // failure outranks poor
		{Rollup{ProblemFindings: 2, Failures: 1}, StateFailed},
		{Rollup{Failures: 1}, StateFailed},
	}
	for _, c := range cases {
		if got := c.r.State(); got != c.want {
			t.Errorf("%+v.State() = %v, want %v", c.r, got, c.want)
		}
	}
	if p := (Rollup{Poor: 2, Failures: 1, ProblemFindings: 4}).Problems(); p != 7 {
		t.Errorf("Problems = %d, want 7", p)
	}
}

// A session whose streams are good but whose microphone stopped working is
// a problem at every level above the media that says so.
func TestDeviceProblemMarksGoodStreamsAsProblem(t *testing.T) {
	for _, c := range []struct {
		ratio string
		want  State
	}{
		{"0.006", StateProblem},
		{"0.005", StateProblem}, // Call Analytics: ≥ 0.005 counts
		{"0.0049", StateGood},
	} {
		for _, field := range []string{"captureNotFunctioningEventRatio", "renderNotFunctioningEventRatio"} {
			r := loadOne(t, oneSession(fmt.Sprintf(`{%q:%s}`, field, c.ratio), "null", goodAudio))
			se := r.Sessions[0]
			sg := se.Segments[0]
			md := sg.Media[0]
			if md.Streams[0].Quality.Verdict != Good {
				t.Fatalf("the stream is %v, want good", md.Streams[0].Quality.Verdict)
			}
			for what, q := range map[string]Rollup{"record": r.Quality, "session": se.Quality, "segment": sg.Quality, "media": md.Quality} {
				if got := q.State(); got != c.want {
					t.Errorf("%s %s: %s is %v, want %v", field, c.ratio, what, got, c.want)
				}
			}
		}
	}
}

func TestNetworkAndFeedbackProblemsMarkTheSession(t *testing.T) {
	r := loadOne(t, oneSession("null", `{"receivedQualityEventRatio":0.21}`, goodAudio))
	if q := r.Sessions[0].Segments[0].Media[0].Quality; q.ProblemFindings != 1 || q.State() != StateProblem {
		t.Errorf("network caused poor audio: media %+v", q)
	}
	r = loadOne(t, `{"id":"c","sessions":[{"id":"s1",
	 "caller":{"associatedIdentity":{"displayName":"Chiara"},"feedback":{"rating":"poor"}},
	 "callee":{"userAgent":{"role":"skypeForBusinessAudioVideoMcu"}},
	 "segments":[{"id":"g1","media":[{"label":"main-audio","streams":[`+goodAudio+`]}]}]}]}`)
	se := r.Sessions[0]
	if se.Quality.State() != StateProblem || se.Quality.ProblemFindings != 1 {
		t.Errorf("poor feedback: session %+v", se.Quality)
	}
	if q := se.Segments[0].Quality; q.State() != StateGood {
		t.Errorf("the feedback is the session's, not its segment's: segment %+v", q)
	}
	// Good feedback and warnings change nothing.
	r = loadOne(t, oneSession(`{"micGlitchRate":14.5,"cpuInsufficentEventRatio":0.5}`, `{"delayEventRatio":0.5}`, goodAudio))
	if q := r.Quality; q.State() != StateGood || q.ProblemFindings != 0 {
		t.Errorf("warnings only: record %+v", q)
	}
}

// A segment's failure that repeats its session's shows on the segment, and
// is still one failure.
func TestRepeatedSegmentFailureShowsOnTheSegment(t *testing.T) {
	r := loadOne(t, `{"id":"c","sessions":[{"id":"s1","caller":{},"callee":{},
	 "failureInfo":{"stage":"callSetup","reason":"MediaConnectivityErrors"},
	 "segments":[{"id":"g1","failureInfo":{"stage":"callSetup","reason":"MediaConnectivityErrors"},
	   "media":[{"label":"main-audio","streams":[{"streamDirection":"callerToCallee","packetUtilization":900,"averageJitter":"PT0.2S"}]}]},
	  {"id":"g2","failureInfo":{"stage":"midcall","reason":"MediaTimeout"}},
	  {"id":"g3"}]}]}`)
	se := r.Sessions[0]
	if q := se.Segments[0].Quality; q.Failures != 1 || q.Poor != 1 || q.State() != StateFailed {
		t.Errorf("repeating segment: %+v, state %v; want failed", q, q.State())
	}
	if q := se.Segments[1].Quality; q.Failures != 1 || q.State() != StateFailed {
		t.Errorf("own failure: %+v", q)
	}
	if q := se.Segments[2].Quality; q.Failures != 0 || q.State() != StateUnclassified {
		t.Errorf("no failure: %+v", q)
	}
	if se.Quality.Failures != 2 || r.Quality.Failures != 2 || len(r.Failures()) != 2 {
		t.Errorf("session %d, record %d failures, %d listed; want 2: the repeat is the session's", se.Quality.Failures, r.Quality.Failures, len(r.Failures()))
	}
}

func TestFindingsKnowWhereTheyAre(t *testing.T) {
	r := loadOne(t, `{"id":"c","sessions":[{"id":"s0","caller":{},"callee":{}},{"id":"s1",
	 "caller":{"associatedIdentity":{"displayName":"Chiara"},"feedback":{"rating":"bad"}},
	 "callee":{"userAgent":{"role":"skypeForBusinessAudioVideoMcu"}},
	 "failureInfo":{"stage":"callSetup","reason":"MediaConnectivityErrors"},
	 "segments":[{"id":"g0"},{"id":"g1","failureInfo":{"stage":"midcall","reason":"MediaTimeout"},
	  "media":[{"label":"x"},{"label":"main-audio","callerDevice":{"renderNotFunctioningEventRatio":0.2},
	   "streams":[`+goodAudio+`,{"streamDirection":"calleeToCaller","packetUtilization":900,"averageJitter":"PT0.2S"}]}]}]}]}`)
	got := map[string]Place{}
	failure := map[string]bool{}
	for _, f := range r.Findings() {
		got[f.Text] = f.At
		failure[f.Text] = f.Failure
	}
	want := map[string]Place{
		"failed at call setup (MediaConnectivityErrors)": {0, 1, -1, -1, -1},
		"feedback: bad":                                    {0, 1, -1, -1, -1},
		"failed at mid-call (MediaTimeout)":                {0, 1, 1, -1, -1},
		"speaker not working 20 % of the call":             {0, 1, 1, 1, -1},
		"jitter 200 ms on received audio (target < 30 ms)": {0, 1, 1, 1, 1},
	}
	for text, at := range want {
		if g, ok := got[text]; !ok || g != at {
			t.Errorf("%q at %+v, want %+v (findings %v)", text, g, at, got)
		}
		if failure[text] != (text[:6] == "failed") {
			t.Errorf("%q: Failure %v", text, failure[text])
		}
	}
}

// FindingsAt keeps each segment's own findings where SessionFindings says
// a repeat once.
func TestFindingsAtKeepsEachSegmentsOwn(t *testing.T) {
	media := `"media":[{"label":"main-audio","callerDevice":{"captureNotFunctioningEventRatio":0.3},"streams":[` + goodAudio + `]}]`
	r := loadOne(t, `{"id":"c","sessions":[{"id":"s1",
	 "caller":{"associatedIdentity":{"displayName":"Alice"}},"callee":{"userAgent":{"role":"skypeForBusinessAudioVideoMcu"}},
	 "segments":[{"id":"g1",`+media+`},{"id":"g2",`+media+`}]}]}`)
	se := r.Sessions[0]
	if n := len(r.SessionFindings(se)); n != 1 {
		t.Errorf("session findings: %d, want the repeat said once", n)
	}
	for gi, sg := range se.Segments {
		fs := r.FindingsAt(Place{Se: 0, Sg: gi, Md: -1, St: -1})
		if len(fs) != 1 || fs[0].At.Sg != gi || sg.Quality.State() != StateProblem {
			t.Errorf("segment %d: findings %+v, state %v", gi, fs, sg.Quality.State())
		}
	}
	if fs := r.FindingsAt(Place{Se: 5, Sg: -1, Md: -1, St: -1}); fs != nil {
		t.Errorf("a session out of range: %v", fs)
	}
}

// The roll-up counts, at every node, exactly the problem findings that lie
// there (neither a failure nor a stream's: those count as failures and
// poor streams): the parse counts them without wording, the findings word
// them, and the two must agree.
func TestRollupCountsWhatTheFindingsSay(t *testing.T) {
	var gen bytes.Buffer
	if err := samples.Generate(&gen, samples.GenOptions{Sessions: 400, Seed: 3}); err != nil {
		t.Fatal(err)
	}
	for name, doc := range map[string][]byte{"demo": demoBytes(), "generated": gen.Bytes()} {
		f, err := Load(name, doc)
		if err != nil {
			t.Fatal(err)
		}
		r := f.Records[0]
		total := 0
		for i, se := range r.Sessions {
			count := map[Place]int{}
			for _, fd := range sessionFindings(r.Names(), i, se) {
				if fd.Severity != Problem || fd.Failure || fd.At.St >= 0 {
					continue
				}
				for at := fd.At; ; {
					count[at]++
					switch {
					case at.Md >= 0:
						at.Md = -1
						continue
					case at.Sg >= 0:
						at.Sg = -1
						continue
					}
					break
				}
			}
			check := func(at Place, q Rollup) {
				if q.ProblemFindings != count[at] {
					t.Errorf("%s session %d %+v: roll-up counts %d problem findings, the findings say %d", name, i, at, q.ProblemFindings, count[at])
				}
			}
			check(Place{0, i, -1, -1, -1}, se.Quality)
			for gi, sg := range se.Segments {
				check(Place{0, i, gi, -1, -1}, sg.Quality)
				for mi, md := range sg.Media {
					check(Place{0, i, gi, mi, -1}, md.Quality)
				}
			}
			total += se.Quality.ProblemFindings
		}
		if total == 0 || r.Quality.ProblemFindings != total {
			t.Errorf("%s: %d problem findings over the sessions, record says %d", name, total, r.Quality.ProblemFindings)
		}
	}
}
