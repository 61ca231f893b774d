package generate

import (
	"strconv"
)

// Streams: one direction of one media, with its metrics.

func (g *gen) streamID() {
	g.raw(`"streamId":"`)
	g.b = strconv.AppendUint(g.b, uint64(g.r.Uint32()), 10)
	g.raw(`",`)
}

const nullVideo = `"postForwardErrorCorrectionPacketLossRate":null,"averageVideoFrameLossPercentage":null,"averageReceivedFrameRate":null,"lowFrameRateRatio":null,"averageVideoPacketLossRate":null,"averageVideoFrameRate":null,"lowVideoProcessingCapabilityRatio":null,`

// emptyStream is a stream that carried no measured media: data channels and streams of
// sessions that failed during setup.
func (g *gen) emptyStream() {
	g.raw(`"averageAudioDegradation":null,"averageJitter":null,"maxJitter":null,"averagePacketLossRate":null,"maxPacketLossRate":null,"averageRatioOfConcealedSamples":null,"maxRatioOfConcealedSamples":null,"averageRoundTripTime":null,"maxRoundTripTime":null,"packetUtilization":0,"averageBandwidthEstimate":null,"wasMediaBypassed":null,`)
	g.raw(nullVideo)
	g.raw(`"averageAudioNetworkJitter":null,"maxAudioNetworkJitter":null,"audioCodec":"unknown","videoCodec":"unknown","rmsFreezeDuration":null,"averageFreezeDuration":null,"isAudioForwardErrorCorrectionUsed":null,`)
}

// netStats are the network metrics common to all streams.
type netStats struct {
	jitter, rtt int   // ms
	loss        int64 // 1/10000
	poor        bool
}

func (g *gen) goodNet(p *person) netStats {
	s := netStats{jitter: 1 + g.r.IntN(8), rtt: 12 + g.r.IntN(60), loss: int64(g.r.IntN(40))}
	if p != nil && p.conn != "wired" {
		s.jitter += g.r.IntN(18)
		s.rtt += g.r.IntN(120)
		s.loss += int64(g.r.IntN(350))
	}
	return s
}

// audioStream writes the audio metrics. codec "" picks a client codec.
func (g *gen) audioStream(p *person, secs, dir int, codec string) {
	util := int64(secs) * int64(46+g.r.IntN(5))
	muted := dir == 0 && g.r.IntN(50) == 0
	if muted {
		util = int64(60 + g.r.IntN(440)) // too few packets to classify
	}
	s := g.goodNet(p)
	if !muted && util > 500 && g.r.Float64() < g.poor {
		s.poor = true
		switch g.r.IntN(3) {
		case 0:
			s.loss = int64(1010 + g.r.IntN(2500))
		case 1:
			s.jitter = 31 + g.r.IntN(90)
		default:
			s.rtt = 505 + g.r.IntN(900)
		}
	}
	degr := int64(g.r.IntN(60)) + s.loss/4
	if s.poor {
		degr += int64(80 + g.r.IntN(150))
	}
	g.fix("averageAudioDegradation", degr, 3)
	g.dur("averageJitter", s.jitter)
	g.dur("maxJitter", s.jitter*(2+g.r.IntN(4)))
	g.fix("averagePacketLossRate", s.loss, 4)
	g.fix("maxPacketLossRate", min(10000, s.loss*int64(2+g.r.IntN(5))+int64(g.r.IntN(50))), 4)
	conc := s.loss/2 + int64(g.r.IntN(60))
	g.fix("averageRatioOfConcealedSamples", conc, 4)
	if g.r.IntN(4) == 0 {
		g.null("maxRatioOfConcealedSamples")
	} else {
		g.fix("maxRatioOfConcealedSamples", min(10000, conc*int64(2+g.r.IntN(3))), 4)
	}
	g.dur("averageRoundTripTime", s.rtt)
	g.dur("maxRoundTripTime", s.rtt+s.rtt*g.r.IntN(200)/100+g.r.IntN(20))
	g.int("packetUtilization", util)
	if codec == "" {
		g.int("averageBandwidthEstimate", g.bandwidth(p))
		g.raw(`"wasMediaBypassed":false,`)
	} else {
		g.raw(`"averageBandwidthEstimate":null,"wasMediaBypassed":false,`)
	}
	g.raw(nullVideo)
	nj := s.jitter + g.r.IntN(6)
	g.dur("averageAudioNetworkJitter", nj)
	g.dur("maxAudioNetworkJitter", nj*(2+g.r.IntN(4)))
	if codec == "" {
		switch {
		case p.plat.web:
			codec = "opus"
		case g.r.IntN(5) == 0:
			codec = "satinFullband"
		default:
			codec = "satin"
		}
	}
	g.str("audioCodec", codec)
	g.raw(`"videoCodec":"unknown","rmsFreezeDuration":null,"averageFreezeDuration":null,`)
	g.bool("isAudioForwardErrorCorrectionUsed", s.loss > 200)
}

func (g *gen) bandwidth(p *person) int64 {
	switch p.conn {
	case "wired":
		return int64(20000000 + g.r.IntN(80000000))
	case "wifi":
		return int64(2000000 + g.r.IntN(60000000))
	}
	return int64(500000 + g.r.IntN(15000000))
}

func (g *gen) videoStream(p *person, secs int, k mediaKind) {
	s := g.goodNet(p)
	util := int64(secs) * int64(300+g.r.IntN(500))
	if k == mVBSS {
		util /= 4
	}
	g.null("averageAudioDegradation")
	g.dur("averageJitter", s.jitter)
	g.dur("maxJitter", s.jitter*(2+g.r.IntN(4)))
	g.fix("averagePacketLossRate", s.loss, 4)
	g.fix("maxPacketLossRate", min(10000, s.loss*int64(2+g.r.IntN(5))+int64(g.r.IntN(50))), 4)
	g.raw(`"averageRatioOfConcealedSamples":null,"maxRatioOfConcealedSamples":null,`)
	g.dur("averageRoundTripTime", s.rtt)
	g.dur("maxRoundTripTime", s.rtt+s.rtt*g.r.IntN(200)/100+g.r.IntN(20))
	g.int("packetUtilization", util)
	g.int("averageBandwidthEstimate", g.bandwidth(p))
	g.raw(`"wasMediaBypassed":false,`)

	poor := util > 0 && g.r.Float64() < g.poor
	// Which metric is present decides the verdict (first of frame loss, frame rate,
	// post-FEC loss). Screen sharing usually has no frame-loss figure.
	withLoss := k == mVideo && g.r.IntN(10) < 8
	var frameLoss, fps, postFEC int64 // 1/10 %, 1/10 fps, 1/10000
	limitFPS := int64(70)
	if k == mVBSS {
		limitFPS = 20
	}
	postFEC = int64(g.r.IntN(30))
	switch {
	case k == mVBSS:
		fps = 25 + int64(g.r.IntN(120))
	default:
		fps = 120 + int64(g.r.IntN(180))
	}
	frameLoss = int64(g.r.IntN(150))
	if poor {
		if withLoss {
			frameLoss = 505 + int64(g.r.IntN(400))
			fps = 40 + int64(g.r.IntN(80))
		} else {
			fps = 3 + int64(g.r.IntN(int(limitFPS)-4))
		}
	}
	g.fix("postForwardErrorCorrectionPacketLossRate", postFEC, 4)
	if withLoss {
		g.fix("averageVideoFrameLossPercentage", frameLoss, 1)
	} else {
		g.null("averageVideoFrameLossPercentage")
	}
	g.fix("averageReceivedFrameRate", fps, 1)
	low := int64(g.r.IntN(10))
	if fps < limitFPS*2 {
		low += int64(30 + g.r.IntN(60))
	}
	g.fix("lowFrameRateRatio", low, 2)
	g.fix("averageVideoPacketLossRate", s.loss, 4)
	g.fix("averageVideoFrameRate", fps, 1)
	if p.cpu != nil && p.cpu.cores <= 8 && g.r.IntN(3) == 0 {
		g.fix("lowVideoProcessingCapabilityRatio", int64(5+g.r.IntN(40)), 2)
	} else {
		g.raw(`"lowVideoProcessingCapabilityRatio":0,`)
	}
	g.raw(`"averageAudioNetworkJitter":null,"maxAudioNetworkJitter":null,"audioCodec":"unknown",`)
	if k == mVBSS {
		g.str("videoCodec", "h264s")
	} else if g.r.IntN(6) == 0 {
		g.str("videoCodec", "av1")
	} else {
		g.str("videoCodec", "h264")
	}
	if k == mVideo {
		fr := g.r.IntN(400)
		if poor {
			fr += 800 + g.r.IntN(2000)
		}
		g.dur("rmsFreezeDuration", fr+fr/2)
		g.dur("averageFreezeDuration", fr)
	} else {
		g.raw(`"rmsFreezeDuration":null,"averageFreezeDuration":null,`)
	}
	g.null("isAudioForwardErrorCorrectionUsed")
}
