package quality_test

import (
	"bytes"
	"fmt"
	"testing"

	"github.com/callscope/callscope/data"
	"github.com/callscope/callscope/findings"
	"github.com/callscope/callscope/generate"
	"github.com/callscope/callscope/internal/fixture"
	"github.com/callscope/callscope/load"
	"github.com/callscope/callscope/report"
	"github.com/callscope/callscope/samples"
)

// A session whose streams are good but whose microphone stopped working is
// a problem at every level above the media that says so.
func TestDeviceProblemMarksGoodStreamsAsProblem(t *testing.T) {
	for _, c := range []struct {
		ratio string
		want  data.State
	}{
		{"0.006", data.StateProblem},
		{"0.005", data.StateProblem}, // Call Analytics: ≥ 0.005 counts
		{"0.0049", data.StateGood},
	} {
		for _, field := range []string{"captureNotFunctioningEventRatio", "renderNotFunctioningEventRatio"} {
			r := loadOne(t, fixture.OneSession(fmt.Sprintf(`{%q:%s}`, field, c.ratio), "null", fixture.GoodAudio))
			se := r.Sessions[0]
			sg := se.Segments[0]
			md := sg.Media[0]
			if md.Streams[0].Quality.Verdict != data.Good {
				t.Fatalf("the stream is %v, want good", md.Streams[0].Quality.Verdict)
			}
			for what, q := range map[string]data.Rollup{"record": r.Quality, "session": se.Quality, "segment": sg.Quality, "media": md.Quality} {
				if got := q.State(); got != c.want {
					t.Errorf("%s %s: %s is %v, want %v", field, c.ratio, what, got, c.want)
				}
			}
		}
	}
}

func TestNetworkAndFeedbackProblemsMarkTheSession(t *testing.T) {
	r := loadOne(t, fixture.OneSession("null", `{"receivedQualityEventRatio":0.21}`, fixture.GoodAudio))
	if q := r.Sessions[0].Segments[0].Media[0].Quality; q.ProblemFindings != 1 || q.State() != data.StateProblem {
		t.Errorf("network caused poor audio: media %+v", q)
	}
	r = loadOne(t, `{"id":"c","sessions":[{"id":"s1",
	 "caller":{"associatedIdentity":{"displayName":"Chiara"},"feedback":{"rating":"poor"}},
	 "callee":{"userAgent":{"role":"skypeForBusinessAudioVideoMcu"}},
	 "segments":[{"id":"g1","media":[{"label":"main-audio","streams":[`+fixture.GoodAudio+`]}]}]}]}`)
	se := r.Sessions[0]
	if se.Quality.State() != data.StateProblem || se.Quality.ProblemFindings != 1 {
		t.Errorf("poor feedback: session %+v", se.Quality)
	}
	if q := se.Segments[0].Quality; q.State() != data.StateGood {
		t.Errorf("the feedback is the session's, not its segment's: segment %+v", q)
	}
	// Good feedback and warnings change nothing.
	r = loadOne(t, fixture.OneSession(`{"micGlitchRate":14.5,"cpuInsufficentEventRatio":0.5}`, `{"delayEventRatio":0.5}`, fixture.GoodAudio))
	if q := r.Quality; q.State() != data.StateGood || q.ProblemFindings != 0 {
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
	if q := se.Segments[0].Quality; q.Failures != 1 || q.Poor != 1 || q.State() != data.StateFailed {
		t.Errorf("repeating segment: %+v, state %v; want failed", q, q.State())
	}
	if q := se.Segments[1].Quality; q.Failures != 1 || q.State() != data.StateFailed {
		t.Errorf("own failure: %+v", q)
	}
	if q := se.Segments[2].Quality; q.Failures != 0 || q.State() != data.StateUnclassified {
		t.Errorf("no failure: %+v", q)
	}
	if listed := len(report.Build(r).Failures); se.Quality.Failures != 2 || r.Quality.Failures != 2 || listed != 2 {
		t.Errorf("session %d, record %d failures, %d listed; want 2: the repeat is the session's", se.Quality.Failures, r.Quality.Failures, listed)
	}
}

// The roll-up counts, at every node, exactly the problem findings that lie
// there (neither a failure nor a stream's: those count as failures and
// poor streams): the parse counts them without wording, the findings word
// them, and the two must agree.
func TestRollupCountsWhatTheFindingsSay(t *testing.T) {
	var gen bytes.Buffer
	if err := generate.Record(&gen, generate.Options{Sessions: 400, Seed: 3}); err != nil {
		t.Fatal(err)
	}
	for name, doc := range map[string][]byte{"demo": samples.Demo, "generated": gen.Bytes()} {
		f, err := load.Load(name, doc)
		if err != nil {
			t.Fatal(err)
		}
		r := f.Records[0]
		total := 0
		for i, se := range r.Sessions {
			count := map[data.Place]int{}
			for _, fd := range findings.At(r, data.Place{Se: i, Sg: -1, Md: -1, St: -1}) { // repeats kept
				if fd.Severity != data.Problem || fd.Failure || fd.At.St >= 0 {
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
			check := func(at data.Place, q data.Rollup) {
				if q.ProblemFindings != count[at] {
					t.Errorf("%s session %d %+v: roll-up counts %d problem findings, the findings say %d", name, i, at, q.ProblemFindings, count[at])
				}
			}
			check(data.Place{Rec: 0, Se: i, Sg: -1, Md: -1, St: -1}, se.Quality)
			for gi, sg := range se.Segments {
				check(data.Place{Rec: 0, Se: i, Sg: gi, Md: -1, St: -1}, sg.Quality)
				for mi, md := range sg.Media {
					check(data.Place{Rec: 0, Se: i, Sg: gi, Md: mi, St: -1}, md.Quality)
				}
			}
			total += se.Quality.ProblemFindings
		}
		if total == 0 || r.Quality.ProblemFindings != total {
			t.Errorf("%s: %d problem findings over the sessions, record says %d", name, total, r.Quality.ProblemFindings)
		}
	}
}

// loadOne loads a document that holds one record.
func loadOne(t *testing.T, doc string) *data.Record {
	t.Helper()
	f, err := load.Load("t.json", []byte(doc))
	if err != nil {
		t.Fatal(err)
	}
	return f.Records[0]
}
