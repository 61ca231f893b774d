package findings_test

import (
	"github.com/callscope/callscope/data"
	"github.com/callscope/callscope/findings"
	"github.com/callscope/callscope/internal/fixture"
	"testing"
)

func TestFindingsKnowWhereTheyAre(t *testing.T) {
	r := loadOne(t, `{"id":"c","sessions":[{"id":"s0","caller":{},"callee":{}},{"id":"s1",
	 "caller":{"associatedIdentity":{"displayName":"Chiara"},"feedback":{"rating":"bad"}},
	 "callee":{"userAgent":{"role":"skypeForBusinessAudioVideoMcu"}},
	 "failureInfo":{"stage":"callSetup","reason":"MediaConnectivityErrors"},
	 "segments":[{"id":"g0"},{"id":"g1","failureInfo":{"stage":"midcall","reason":"MediaTimeout"},
	  "media":[{"label":"x"},{"label":"main-audio","callerDevice":{"renderNotFunctioningEventRatio":0.2},
	   "streams":[`+fixture.GoodAudio+`,{"streamDirection":"calleeToCaller","packetUtilization":900,"averageJitter":"PT0.2S"}]}]}]}]}`)
	got := map[string]data.Place{}
	failure := map[string]bool{}
	for _, f := range r.Findings {
		got[f.Text] = f.At
		failure[f.Text] = f.Failure
	}
	want := map[string]data.Place{
		"failed at call setup (MediaConnectivityErrors)": {Rec: 0, Se: 1, Sg: -1, Md: -1, St: -1},
		"feedback: bad":                                    {Rec: 0, Se: 1, Sg: -1, Md: -1, St: -1},
		"failed at mid-call (MediaTimeout)":                {Rec: 0, Se: 1, Sg: 1, Md: -1, St: -1},
		"speaker not working 20 % of the call":             {Rec: 0, Se: 1, Sg: 1, Md: 1, St: -1},
		"jitter 200 ms on received audio (target < 30 ms)": {Rec: 0, Se: 1, Sg: 1, Md: 1, St: 1},
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
	media := `"media":[{"label":"main-audio","callerDevice":{"captureNotFunctioningEventRatio":0.3},"streams":[` + fixture.GoodAudio + `]}]`
	r := loadOne(t, `{"id":"c","sessions":[{"id":"s1",
	 "caller":{"associatedIdentity":{"displayName":"Alice"}},"callee":{"userAgent":{"role":"skypeForBusinessAudioVideoMcu"}},
	 "segments":[{"id":"g1",`+media+`},{"id":"g2",`+media+`}]}]}`)
	se := r.Sessions[0]
	if n := len(findings.Session(r, se)); n != 1 {
		t.Errorf("session findings: %d, want the repeat said once", n)
	}
	for gi, sg := range se.Segments {
		fs := findings.At(r, data.Place{Se: 0, Sg: gi, Md: -1, St: -1})
		if len(fs) != 1 || fs[0].At.Sg != gi || sg.Quality.State() != data.StateProblem {
			t.Errorf("segment %d: findings %+v, state %v", gi, fs, sg.Quality.State())
		}
	}
	if fs := findings.At(r, data.Place{Se: 5, Sg: -1, Md: -1, St: -1}); fs != nil {
		t.Errorf("a session out of range: %v", fs)
	}
}
