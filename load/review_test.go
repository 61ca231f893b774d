package load

import (
	"github.com/callscope/callscope/jsonscan"
	"strings"
	"testing"
)

// Regression tests for problems found in review.

func TestEmptyWindowsDateIsABadValueNotAPanic(t *testing.T) {
	for _, doc := range []string{
		`{"id":"x","startDateTime":"\/Date()\/"}`,
		`{"id":"x","sessions":[{"id":"s","startDateTime":"\/Date()\/"}]}`,
	} {
		f, err := Load("d.json", []byte(doc))
		if err != nil {
			t.Fatalf("%s: %v", doc, err)
		}
		if !anyContains(f.Records[0].Warnings, "startDateTime: not a date") {
			t.Errorf("%s: warnings %q", doc, f.Records[0].Warnings)
		}
	}
}

func TestFilesWithoutRecordsAreRefused(t *testing.T) {
	for _, doc := range []string{`[1]`, `{"value":[1,2]}`, `[null]`} {
		if _, err := Load("n.json", []byte(doc)); err == nil || !strings.Contains(err.Error(), "no call records") {
			t.Errorf("%s: %v", doc, err)
		}
	}
}

func TestDeepNestingIsRefusedNotAStackOverflow(t *testing.T) {
	const n = 200000
	doc := `{"x":` + strings.Repeat("[", n) + strings.Repeat("]", n) + `}`
	if _, err := Load("deep.json", []byte(doc)); err == nil || !strings.Contains(err.Error(), "nested more than") {
		t.Errorf("deep: %v", err)
	}
	// Exactly at the limit is fine; brackets in strings do not count.
	atLimit := `{"a":"[[[[","x":` + strings.Repeat("[", jsonscan.DepthLimit-1) + strings.Repeat("]", jsonscan.DepthLimit-1) + `}`
	if err := CheckJSON("x", []byte(atLimit)); err != nil {
		t.Errorf("at the limit: %v", err)
	}
	if err := CheckJSON("x", []byte("["+atLimit+"]")); err == nil || !strings.Contains(err.Error(), "nested more than") {
		t.Errorf("one past the limit: %v", err)
	}
}

func TestGuestWithAssociatedIdentityIsAGuest(t *testing.T) {
	r := loadOne(t, `{"id":"x","sessions":[{"caller":{"associatedIdentity":{"id":"g","displayName":"Chiara (Guest)"},
		"identity":{"guest":{"id":"g","displayName":"Chiara (Guest)"}}}}]}`)
	if k := r.Names().Kind(&r.Sessions[0].Caller); k != "guest" {
		t.Errorf("kind %q, want guest", k)
	}
}

func TestEmptyParticipantsV2FallsBackToParticipants(t *testing.T) {
	r := loadOne(t, `{"id":"x","type":"groupCall","participants_v2":[],
		"participants":[{"user":{"id":"a","displayName":"A"}},{"user":{"id":"b","displayName":"B"}}]}`)
	if n := r.ParticipantCount(); n != 2 || r.ParticipantsFrom != "participants" {
		t.Errorf("%d participants from %q, want 2 from participants", n, r.ParticipantsFrom)
	}
}

func TestRepeatedArrayKeysReplace(t *testing.T) {
	r := loadOne(t, `{"id":"x","sessions":[{"segments":[{"id":"a"}],"segments":[{"id":"b"}],
		"Segments":[{"id":"c","media":[{"streams":[{}],"streams":[{},{}]}]}]}]}`)
	sg := r.Sessions[0].Segments
	if len(sg) != 1 || sg[0].ID != "c" || len(sg[0].Media[0].Streams) != 2 {
		t.Errorf("segments %d (%q), streams %d: the last key must win", len(sg), sg[0].ID, len(sg[0].Media[0].Streams))
	}
}

func TestOutOfRangeAndNegativeDurationsAreBadValues(t *testing.T) {
	r := loadOne(t, `{"id":"x","sessions":[{"segments":[{"media":[{"label":"main-audio","streams":[
		{"packetUtilization":900,"averageJitter":{"Ticks":1e30},"averageRoundTripTime":"-PT5S","averagePacketLossRate":0.2}]}]}]}]}`)
	st := r.Sessions[0].Segments[0].Media[0].Streams[0]
	if st.AverageJitter.OK || st.AverageRoundTripTime.OK {
		t.Errorf("jitter %v round trip %v must be missing", st.AverageJitter, st.AverageRoundTripTime)
	}
	if !anyContains(r.Warnings, "averageJitter: bad duration") || !anyContains(r.Warnings, "averageRoundTripTime: negative duration") {
		t.Errorf("warnings %q", r.Warnings)
	}
}
