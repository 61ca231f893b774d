package data

import (
	"strings"
	"testing"
	"time"
)

func ms(n float64) Opt[time.Duration] { return Some(time.Duration(n * float64(time.Millisecond))) }

func TestAudioRules(t *testing.T) {
	base := func() *Stream {
		return &Stream{PacketUtilization: Some[int64](900), AverageRoundTripTime: ms(40), AveragePacketLossRate: Some(0.01), AverageJitter: ms(5)}
	}
	cases := []struct {
		name    string
		edit    func(*Stream)
		want    Verdict
		reasons []string
	}{
		{"good", func(*Stream) {}, Good, nil},
		{"round trip at the limit is not over it", func(s *Stream) { s.AverageRoundTripTime = ms(500) }, Good, nil},
		{"round trip over", func(s *Stream) { s.AverageRoundTripTime = ms(620) }, Poor, []string{"round trip 620 ms > 500 ms"}},
		{"loss at the limit", func(s *Stream) { s.AveragePacketLossRate = Some(0.1) }, Good, nil},
		{"loss over", func(s *Stream) { s.AveragePacketLossRate = Some(0.152) }, Poor, []string{"packet loss 15.2 % > 10 %"}},
		{"jitter at the limit", func(s *Stream) { s.AverageJitter = ms(30) }, Good, nil},
		{"jitter over", func(s *Stream) { s.AverageJitter = ms(31) }, Poor, []string{"jitter 31 ms > 30 ms"}},
		{"every reason is given", func(s *Stream) { s.AverageJitter = ms(45); s.AveragePacketLossRate = Some(0.2) },
			Poor, []string{"packet loss 20 % > 10 %", "jitter 45 ms > 30 ms"}},
		{"utilization at 500 is unclassified", func(s *Stream) { s.PacketUtilization = Some[int64](500); s.AverageJitter = ms(99) },
			Unclassified, []string{"packet utilization 500 ≤ 500"}},
		{"no utilization is unclassified", func(s *Stream) { s.PacketUtilization = Opt[int64]{} }, Unclassified, []string{"packet utilization missing"}},
		{"none of the three metrics", func(s *Stream) {
			s.AverageRoundTripTime, s.AverageJitter, s.AveragePacketLossRate = Opt[time.Duration]{}, Opt[time.Duration]{}, Opt[float64]{}
		}, Unclassified, []string{"no round trip, packet loss or jitter"}},
		{"zero loss is a value, not missing", func(s *Stream) {
			s.AverageRoundTripTime, s.AverageJitter, s.AveragePacketLossRate = Opt[time.Duration]{}, Opt[time.Duration]{}, Some(0.0)
		}, Good, nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s := base()
			c.edit(s)
			j := Judge(s, KindAudio)
			if j.Verdict != c.want {
				t.Fatalf("verdict %v, want %v (reasons %v)", j.Verdict, c.want, j.Reasons)
			}
			if c.reasons != nil {
				if got := reasonTexts(j.Reasons); strings.Join(got, "|") != strings.Join(c.reasons, "|") {
					t.Errorf("reasons %q, want %q", got, c.reasons)
				}
			}
			if len(j.Reasons) == 0 {
				t.Error("every verdict must come with a reason")
			}
		})
	}
}

func TestAudioLegacyNotesDoNotDecide(t *testing.T) {
	s := &Stream{PacketUtilization: Some[int64](900), AverageJitter: ms(5), AverageAudioDegradation: Some(1.4), AverageRatioOfConcealedSamples: Some(0.09)}
	j := Judge(s, KindAudio)
	if j.Verdict != Good {
		t.Fatalf("legacy signals changed the verdict to %v", j.Verdict)
	}
	want := []string{"audio degradation (legacy rule) 1.4 > 1", "concealed samples (legacy rule) 9 % > 7 %"}
	if strings.Join(reasonTexts(j.Notes), "|") != strings.Join(want, "|") {
		t.Errorf("notes %q, want %q", reasonTexts(j.Notes), want)
	}
	s.AverageAudioDegradation, s.AverageRatioOfConcealedSamples = Some(1.0), Some(0.07)
	if j := Judge(s, KindAudio); len(j.Notes) != 0 {
		t.Errorf("values at the legacy limits gave notes %q", reasonTexts(j.Notes))
	}
}

func TestVideoRules(t *testing.T) {
	cases := []struct {
		name   string
		kind   MediaKind
		s      Stream
		want   Verdict
		reason string
	}{
		{"frame loss over 50 %", KindVideo, Stream{AverageVideoFrameLossPercentage: Some(63.5)}, Poor, "video frame loss 63.5 % > 50 %"},
		{"frame loss at 50 %", KindVideo, Stream{AverageVideoFrameLossPercentage: Some(50.0)}, Good, "video frame loss 50 % ≤ 50 %"},
		{"first metric decides alone", KindVideo, Stream{AverageVideoFrameLossPercentage: Some(10.0), AverageVideoFrameRate: Some(1.0)}, Good, "video frame loss 10 % ≤ 50 %"},
		{"frame rate under 7", KindVideo, Stream{AverageVideoFrameRate: Some(6.9)}, Poor, "frame rate 6.9 fps < 7 fps"},
		{"frame rate at 7", KindVideo, Stream{AverageVideoFrameRate: Some(7.0)}, Good, "frame rate 7 fps ≥ 7 fps"},
		{"post-FEC loss over", KindVideo, Stream{PostFECPacketLossRate: Some(0.16)}, Poor, "post-FEC packet loss 16 % > 15 %"},
		{"post-FEC loss at the limit", KindVideo, Stream{PostFECPacketLossRate: Some(0.15)}, Good, "post-FEC packet loss 15 % ≤ 15 %"},
		{"nothing present", KindVideo, Stream{}, Unclassified, "no frame loss, frame rate or post-FEC loss for video"},
		{"VBSS frame rate 1.4", KindVBSS, Stream{AverageVideoFrameRate: Some(1.4)}, Poor, "frame rate 1.4 fps < 2 fps"},
		{"VBSS frame rate at 2", KindVBSS, Stream{AverageVideoFrameRate: Some(2.0)}, Good, "frame rate 2 fps ≥ 2 fps"},
		{"VBSS 5 fps is good where video would be poor", KindVBSS, Stream{AverageVideoFrameRate: Some(5.0)}, Good, "frame rate 5 fps ≥ 2 fps"},
		{"app sharing", KindAppSharing, Stream{AverageVideoFrameRate: Some(1.0)}, Unclassified, "application sharing (RDP) metrics are not in Graph"},
		{"data", KindData, Stream{PacketUtilization: Some[int64](9000)}, Unclassified, "data streams are not classified"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			j := Judge(&c.s, c.kind)
			if j.Verdict != c.want || len(j.Reasons) != 1 || j.Reasons[0].Text() != c.reason {
				t.Errorf("got %v %q, want %v %q", j.Verdict, reasonTexts(j.Reasons), c.want, c.reason)
			}
		})
	}
}

func TestMediaKindOf(t *testing.T) {
	cases := []struct {
		label, audio, video string
		want                MediaKind
	}{
		{"main-audio", "", "", KindAudio},
		{"main-video", "", "", KindVideo},
		{"applicationsharing-video", "", "", KindVBSS},
		{"applicationsharing", "", "", KindAppSharing},
		{"data", "", "", KindData},
		{"", "satin", "", KindAudio},
		{"", "unknown", "h264s", KindVBSS},
		{"", "", "h264", KindVideo},
		{"", "unknown", "unknown", KindUnknown},
		{"Main-Audio", "", "", KindAudio},
	}
	for _, c := range cases {
		if got := MediaKindOf(c.label, c.audio, c.video); got != c.want {
			t.Errorf("MediaKindOf(%q, %q, %q) = %v, want %v", c.label, c.audio, c.video, got, c.want)
		}
	}
}

func TestRollupWorst(t *testing.T) {
	cases := []struct {
		r    Rollup
		want Verdict
	}{
		{Rollup{}, Unclassified},
		{Rollup{Unclassified: 3}, Unclassified},
		{Rollup{Good: 1, Unclassified: 3}, Good},
		{Rollup{Good: 5, Poor: 1}, Poor},
	}
	for _, c := range cases {
		if got := c.r.Worst(); got != c.want {
			t.Errorf("%+v.Worst() = %v, want %v", c.r, got, c.want)
		}
	}
	if p := (Rollup{Poor: 2, Failures: 1}).Problems(); p != 3 {
		t.Errorf("Problems = %d, want 3", p)
	}
}
