package load

import (
	"github.com/callscope/callscope/data"
	"github.com/callscope/callscope/jsonscan"
	"testing"
	"time"
)

func TestParseISODuration(t *testing.T) {
	ok := []struct {
		in   string
		want time.Duration
	}{
		{"PT0.016S", 16 * time.Millisecond},
		{"PT1M2.5S", 62500 * time.Millisecond},
		{"P1DT2H", 26 * time.Hour},
		{"PT0S", 0},
		{"PT2H30M", 150 * time.Minute},
		{"P1W", 7 * 24 * time.Hour},
		{"PT0,5S", 500 * time.Millisecond},
		{"-PT1S", -time.Second},
		{"pt1s", time.Second},
		{"PT0.0000001S", 100 * time.Nanosecond},
	}
	for _, c := range ok {
		got, err := ParseISODuration(c.in)
		if err != nil || got != c.want {
			t.Errorf("ParseISODuration(%q) = %v, %v; want %v", c.in, got, err, c.want)
		}
	}
	for _, bad := range []string{"", "P", "PT", "PTS", "1S", "P1S", "PT1D", "PT1X", "P1Y", "PT1.2.3S", "PTT1S", "PT9999999999999999999S"} {
		if d, err := ParseISODuration(bad); err == nil {
			t.Errorf("ParseISODuration(%q) = %v, want an error", bad, d)
		}
	}
}

func TestDurationValueForms(t *testing.T) {
	cases := []struct {
		json string
		want time.Duration
	}{
		{`"PT0.016S"`, 16 * time.Millisecond},
		// PowerShell's ConvertTo-Json of a TimeSpan: Ticks are exact.
		{`{"Ticks":160000,"Days":0,"Hours":0,"Milliseconds":16,"Minutes":0,"Seconds":0,"TotalDays":1.85185185185185E-07,"TotalHours":4.44444444444444E-06,"TotalMilliseconds":16.0,"TotalMinutes":0.000266666666666667,"TotalSeconds":0.016}`, 16 * time.Millisecond},
		{`{"TotalMilliseconds": 620}`, 620 * time.Millisecond},
		{`"00:00:00.0160000"`, 16 * time.Millisecond},
		{`"1.02:03:04"`, 26*time.Hour + 3*time.Minute + 4*time.Second},
	}
	for _, c := range cases {
		got, err := parseDurationValue(jsonscan.Root(c.json))
		if err != nil || got != c.want {
			t.Errorf("parseDurationValue(%s) = %v, %v; want %v", c.json, got, err, c.want)
		}
	}
	for _, bad := range []string{`"soon"`, `{"Days": 1}`, `[1]`, `true`} {
		if _, err := parseDurationValue(jsonscan.Root(bad)); err == nil {
			t.Errorf("parseDurationValue(%s): want an error", bad)
		}
	}
}

func TestBadDurationIsReportedNotFatal(t *testing.T) {
	doc := `{"id":"x","type":"groupCall","sessions":[{"id":"s","segments":[{"id":"g","media":[{"label":"main-audio","streams":[
		{"streamId":"1","averageJitter":"PTX","packetUtilization":900,"averagePacketLossRate":0.2}]}]}]}]}`
	f, err := Load("t.json", []byte(doc))
	if err != nil {
		t.Fatal(err)
	}
	st := f.Records[0].Sessions[0].Segments[0].Media[0].Streams[0]
	if st.AverageJitter.OK {
		t.Errorf("bad jitter read as %v", st.AverageJitter.V)
	}
	if st.Quality.Verdict != data.Poor {
		t.Errorf("the other metrics must still judge the stream: got %v", st.Quality.Verdict)
	}
	want := `bad value at sessions[0].segments[0].media[0].streams[0].averageJitter: bad duration "PTX"`
	if !contains(f.Records[0].Warnings, want) {
		t.Errorf("warnings %q lack %q", f.Records[0].Warnings, want)
	}
}

func TestParseTime(t *testing.T) {
	cases := map[string]string{
		"2020-02-25T18:52:21.2169889Z": "2020-02-25T18:52:21.2169889Z",
		"2020-02-25T18:52:21Z":         "2020-02-25T18:52:21Z",
		"2020-02-25T10:52:21.5-08:00":  "2020-02-25T18:52:21.5Z",
		"2020-02-25T18:52:21.2169889":  "2020-02-25T18:52:21.2169889Z",
		"/Date(1582656741216)/":        "2020-02-25T18:52:21.216Z",
		"/Date(1582656741216+0100)/":   "2020-02-25T18:52:21.216Z",
	}
	for in, want := range cases {
		got, ok := parseTime(in)
		if !ok || got.Format(time.RFC3339Nano) != want {
			t.Errorf("parseTime(%q) = %v, %v; want %s", in, got.Format(time.RFC3339Nano), ok, want)
		}
	}
	for _, bad := range []string{"yesterday", "/Date(abc)/", "2020-13-45T00:00:00Z"} {
		if _, ok := parseTime(bad); ok {
			t.Errorf("parseTime(%q) accepted", bad)
		}
	}
}

func contains(ss []string, s string) bool {
	for _, x := range ss {
		if x == s {
			return true
		}
	}
	return false
}
