package quality

import (
	"github.com/callscope/callscope/data"
	"strings"
	"testing"
	"time"
)

func ms(n float64) data.Opt[time.Duration] {
	return data.Some(time.Duration(n * float64(time.Millisecond)))
}

func TestAudioRules(t *testing.T) {
	base := func() *data.Stream {
		return &data.Stream{PacketUtilization: data.Some[int64](900), AverageRoundTripTime: ms(40), AveragePacketLossRate: data.Some(0.01), AverageJitter: ms(5)}
	}
	cases := []struct {
		name    string
		edit    func(*data.Stream)
		want    data.Verdict
		reasons []string
	}{
		{"good", func(*data.Stream) {}, data.Good, nil},
		{"round trip at the limit is not over it", func(s *data.Stream) { s.AverageRoundTripTime = ms(500) }, data.Good, nil},
		{"round trip over", func(s *data.Stream) { s.AverageRoundTripTime = ms(620) }, data.Poor, []string{"round trip 620 ms > 500 ms"}},
		{"loss at the limit", func(s *data.Stream) { s.AveragePacketLossRate = data.Some(0.1) }, data.Good, nil},
		{"loss over", func(s *data.Stream) { s.AveragePacketLossRate = data.Some(0.152) }, data.Poor, []string{"packet loss 15.2 % > 10 %"}},
		{"jitter at the limit", func(s *data.Stream) { s.AverageJitter = ms(30) }, data.Good, nil},
		{"jitter over", func(s *data.Stream) { s.AverageJitter = ms(31) }, data.Poor, []string{"jitter 31 ms > 30 ms"}},
		{"every reason is given", func(s *data.Stream) { s.AverageJitter = ms(45); s.AveragePacketLossRate = data.Some(0.2) },
			data.Poor, []string{"packet loss 20 % > 10 %", "jitter 45 ms > 30 ms"}},
		{"utilization at 500 is unclassified", func(s *data.Stream) { s.PacketUtilization = data.Some[int64](500); s.AverageJitter = ms(99) },
			data.Unclassified, []string{"only 500 packets: too few to judge (CQD needs > 500)"}},
		{"few packets are too few to judge", func(s *data.Stream) { s.PacketUtilization = data.Some[int64](67) },
			data.Unclassified, []string{"only 67 packets: too few to judge (CQD needs > 500)"}},
		{"one packet", func(s *data.Stream) { s.PacketUtilization = data.Some[int64](1) },
			data.Unclassified, []string{"only 1 packet: too few to judge (CQD needs > 500)"}},
		{"no packets", func(s *data.Stream) { s.PacketUtilization = data.Some[int64](0) },
			data.Unclassified, []string{"no packets: too few to judge (CQD needs > 500)"}},
		{"no utilization is unclassified", func(s *data.Stream) { s.PacketUtilization = data.Opt[int64]{} }, data.Unclassified, []string{"packet utilization missing"}},
		{"none of the three metrics", func(s *data.Stream) {
			s.AverageRoundTripTime, s.AverageJitter, s.AveragePacketLossRate = data.Opt[time.Duration]{}, data.Opt[time.Duration]{}, data.Opt[float64]{}
		}, data.Unclassified, []string{"no round trip, packet loss or jitter"}},
		{"zero loss is a value, not missing", func(s *data.Stream) {
			s.AverageRoundTripTime, s.AverageJitter, s.AveragePacketLossRate = data.Opt[time.Duration]{}, data.Opt[time.Duration]{}, data.Some(0.0)
		}, data.Good, nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s := base()
			c.edit(s)
			j := Judge(s, data.KindAudio)
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
	s := &data.Stream{PacketUtilization: data.Some[int64](900), AverageJitter: ms(5), AverageAudioDegradation: data.Some(1.4), AverageRatioOfConcealedSamples: data.Some(0.09)}
	j := Judge(s, data.KindAudio)
	if j.Verdict != data.Good {
		t.Fatalf("legacy signals changed the verdict to %v", j.Verdict)
	}
	want := []string{"audio degradation (legacy rule) 1.4 > 1", "concealed samples (legacy rule) 9 % > 7 %"}
	if strings.Join(reasonTexts(j.Notes), "|") != strings.Join(want, "|") {
		t.Errorf("notes %q, want %q", reasonTexts(j.Notes), want)
	}
	s.AverageAudioDegradation, s.AverageRatioOfConcealedSamples = data.Some(1.0), data.Some(0.07)
	if j := Judge(s, data.KindAudio); len(j.Notes) != 0 {
		t.Errorf("values at the legacy limits gave notes %q", reasonTexts(j.Notes))
	}
}

func TestVideoRules(t *testing.T) {
	cases := []struct {
		name   string
		kind   data.MediaKind
		s      data.Stream
		want   data.Verdict
		reason string
	}{
		{"frame loss over 50 %", data.KindVideo, data.Stream{AverageVideoFrameLossPercentage: data.Some(63.5)}, data.Poor, "video frame loss 63.5 % > 50 %"},
		{"frame loss at 50 %", data.KindVideo, data.Stream{AverageVideoFrameLossPercentage: data.Some(50.0)}, data.Good, "video frame loss 50 % ≤ 50 %"},
		{"first metric decides alone", data.KindVideo, data.Stream{AverageVideoFrameLossPercentage: data.Some(10.0), AverageVideoFrameRate: data.Some(1.0)}, data.Good, "video frame loss 10 % ≤ 50 %"},
		{"frame rate under 7", data.KindVideo, data.Stream{AverageVideoFrameRate: data.Some(6.9)}, data.Poor, "frame rate 6.9 fps < 7 fps"},
		{"frame rate at 7", data.KindVideo, data.Stream{AverageVideoFrameRate: data.Some(7.0)}, data.Good, "frame rate 7 fps ≥ 7 fps"},
		{"post-FEC loss over", data.KindVideo, data.Stream{PostFECPacketLossRate: data.Some(0.16)}, data.Poor, "post-FEC packet loss 16 % > 15 %"},
		{"post-FEC loss at the limit", data.KindVideo, data.Stream{PostFECPacketLossRate: data.Some(0.15)}, data.Good, "post-FEC packet loss 15 % ≤ 15 %"},
		{"nothing present", data.KindVideo, data.Stream{}, data.Unclassified, "no frame loss, frame rate or post-FEC loss for video"},
		{"VBSS frame rate 1.4", data.KindVBSS, data.Stream{AverageVideoFrameRate: data.Some(1.4)}, data.Poor, "frame rate 1.4 fps < 2 fps"},
		{"VBSS frame rate at 2", data.KindVBSS, data.Stream{AverageVideoFrameRate: data.Some(2.0)}, data.Good, "frame rate 2 fps ≥ 2 fps"},
		{"VBSS 5 fps is good where video would be poor", data.KindVBSS, data.Stream{AverageVideoFrameRate: data.Some(5.0)}, data.Good, "frame rate 5 fps ≥ 2 fps"},
		{"app sharing", data.KindAppSharing, data.Stream{AverageVideoFrameRate: data.Some(1.0)}, data.Unclassified, "application sharing (RDP) metrics are not in Graph"},
		{"data", data.KindData, data.Stream{PacketUtilization: data.Some[int64](9000)}, data.Unclassified, "data streams are not classified"},
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
		want                data.MediaKind
	}{
		{"main-audio", "", "", data.KindAudio},
		{"main-video", "", "", data.KindVideo},
		{"applicationsharing-video", "", "", data.KindVBSS},
		{"applicationsharing", "", "", data.KindAppSharing},
		{"data", "", "", data.KindData},
		{"", "satin", "", data.KindAudio},
		{"", "unknown", "h264s", data.KindVBSS},
		{"", "", "h264", data.KindVideo},
		{"", "unknown", "unknown", data.KindUnknown},
		{"Main-Audio", "", "", data.KindAudio},
	}
	for _, c := range cases {
		if got := MediaKindOf(c.label, c.audio, c.video); got != c.want {
			t.Errorf("MediaKindOf(%q, %q, %q) = %v, want %v", c.label, c.audio, c.video, got, c.want)
		}
	}
}

func TestRollupWorst(t *testing.T) {
	cases := []struct {
		r    data.Rollup
		want data.Verdict
	}{
		{data.Rollup{}, data.Unclassified},
		{data.Rollup{Unclassified: 3}, data.Unclassified},
		{data.Rollup{Good: 1, Unclassified: 3}, data.Good},
		{data.Rollup{Good: 5, Poor: 1}, data.Poor},
	}
	for _, c := range cases {
		if got := c.r.Worst(); got != c.want {
			t.Errorf("%+v.Worst() = %v, want %v", c.r, got, c.want)
		}
	}
	if p := (data.Rollup{Poor: 2, Failures: 1}).Problems(); p != 3 {
		t.Errorf("Problems = %d, want 3", p)
	}
}

func TestJustOverALimitDoesNotReadAsATie(t *testing.T) {
	s := &data.Stream{PacketUtilization: data.Some[int64](900), AverageJitter: ms(30.04)}
	j := Judge(s, data.KindAudio)
	if j.Verdict != data.Poor || j.Reasons[0].Text() != "jitter 30.04 ms > 30 ms" {
		t.Errorf("%v %q", j.Verdict, j.Reasons[0].Text())
	}
}

func reasonTexts(rs []data.Reason) []string {
	out := make([]string, len(rs))
	for i, r := range rs {
		out[i] = r.Text()
	}
	return out
}
