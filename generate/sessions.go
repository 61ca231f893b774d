package generate

import (
	"time"
)

// ---------------------------------------------------------------------------------------
// Sessions.

type mediaKind int

const (
	mAudio mediaKind = iota
	mVideo
	mVBSS
	mData
)

func (g *gen) session(i, n int) {
	var p *person
	if i < len(g.people) {
		p = &g.people[i]
	} else {
		p = &g.people[g.r.IntN(len(g.people))]
	}
	// Joins spread over the first 80 minutes; everyone leaves before the call ends.
	start := g.t0.Add(time.Duration(int64(i) * int64(80*time.Minute) / int64(max(n, 1)))).
		Add(time.Duration(g.r.Int64N(int64(20 * time.Second))))
	if i == 0 {
		start = g.t0
	}
	left := g.tEnd.Sub(start)
	dur := time.Duration(g.r.Int64N(int64(left-time.Minute))) + time.Minute
	if g.r.IntN(2) == 0 || i == 0 {
		dur = left - time.Duration(g.r.Int64N(int64(min(left/4, 5*time.Minute))))
	}
	if i == 0 {
		dur = left
	}
	var fail *[2]string
	if i > 0 && g.r.IntN(100) == 0 {
		stage := "callSetup"
		if g.r.IntN(10) < 3 {
			stage = "midcall"
		} else {
			dur = time.Duration(5+g.r.IntN(40)) * time.Second
		}
		fail = &[2]string{stage, failureReasons[g.r.IntN(len(failureReasons))]}
	}
	end := start.Add(dur)
	sid := g.uuid()

	if p.kind == kindPhone {
		g.pstnSession(p, sid, start, end, fail)
		return
	}

	kinds := make([]mediaKind, 0, 4)
	kinds = append(kinds, mAudio)
	setupFailed := fail != nil && fail[0] == "callSetup"
	if !setupFailed {
		if i == 0 || g.r.IntN(100) < 70 {
			kinds = append(kinds, mVideo)
		}
		if i == 0 || g.r.IntN(100) < 28 {
			kinds = append(kinds, mVBSS)
		}
		if g.r.IntN(100) < 20 {
			kinds = append(kinds, mData)
		}
	}
	fb := g.feedback()

	g.open()
	g.str("id", sid)
	g.modalities(kinds)
	g.time("startDateTime", start)
	g.time("endDateTime", end)
	g.raw(`"isTest":false,`)
	g.failure(fail)
	g.toConference(p, fb)
	g.arr("segments")
	g.open()
	g.str("id", sid)
	g.time("startDateTime", start)
	g.time("endDateTime", end)
	g.failure(fail)
	g.toConference(p, fb)
	g.arr("media")
	secs := int(dur / time.Second)
	for _, k := range kinds {
		g.clientMedia(p, k, secs, setupFailed)
	}
	g.closeArr() // media
	g.close()    // segment
	g.closeArr() // segments
	g.close()    // session
}

func (g *gen) modalities(kinds []mediaKind) {
	g.raw(`"modalities":["audio"`)
	for _, k := range kinds {
		switch k {
		case mVideo:
			g.raw(`,"video"`)
		case mVBSS:
			g.raw(`,"screenSharing"`)
		}
	}
	g.raw(`],`)
}

func (g *gen) failure(f *[2]string) {
	if f == nil {
		g.null("failureInfo")
		return
	}
	g.obj("failureInfo")
	g.str("stage", f[0])
	g.str("reason", f[1])
	g.close()
}

func (g *gen) feedback() feedback {
	if g.r.IntN(100) < 85 {
		return feedback{rating: "notRated"}
	}
	f := feedback{rating: ratings[g.r.IntN(len(ratings))]}
	if f.rating == "poor" || f.rating == "bad" {
		f.tokens = []string{feedbackTokens[g.r.IntN(len(feedbackTokens))]}
		if g.r.IntN(3) == 0 {
			f.text = "Audio kept cutting out"
		}
	}
	return f
}

// ---------------------------------------------------------------------------------------
// PSTN: the conference server dials the phone through a mediation server and a gateway.

func (g *gen) pstnSession(p *person, sid string, start, end time.Time, fail *[2]string) {
	g.open()
	g.str("id", sid)
	g.raw(`"modalities":["audio"],`)
	g.time("startDateTime", start)
	g.time("endDateTime", end)
	g.raw(`"isTest":false,`)
	g.failure(fail)
	g.key("caller")
	g.serviceEndpoint("skypeForBusinessAudioVideoMcu", "")
	g.key("callee")
	g.phoneEndpoint(p)
	g.arr("segments")

	mcuIP := [4]byte{10, 224, byte(32 + g.r.IntN(16)), byte(2 + g.r.IntN(250))}
	msIP := [4]byte{10, 226, byte(g.r.IntN(16)), byte(2 + g.r.IntN(250))}
	msReflex := byte(1 + g.r.IntN(254))
	sbc := g.r.IntN(len(sbcs))
	sbcIP := [4]byte{10, 20, byte(1 + sbc), 10}
	s1, e1 := start.Add(time.Duration(g.r.IntN(200))*time.Millisecond), end.Add(-time.Duration(g.r.IntN(200))*time.Millisecond)
	s2, e2 := s1.Add(time.Duration(100+g.r.IntN(400))*time.Millisecond), e1.Add(-time.Duration(g.r.IntN(200))*time.Millisecond)

	// conference server -> mediation server
	g.serviceSegment(s1, e1, fail, "skypeForBusinessAudioVideoMcu", "mediationServer", "")
	g.serverMedia(mcuIP, 3479, 0, msIP, 49152+g.r.IntN(100), 0, s1, e1, "g722")
	g.closeArr()
	g.close()

	// mediation server -> gateway, one leg or two (a re-INVITE to a second SBC mid-call)
	legs := 1
	if g.r.IntN(3) == 0 && e2.Sub(s2) > 2*time.Minute {
		legs = 2
	}
	codec := "pcmu"
	if g.r.IntN(3) == 0 {
		codec = "pcma"
	}
	legStart := s2
	for l := range legs {
		legEnd := e2
		if l == 0 && legs == 2 {
			legEnd = s2.Add(time.Duration(g.r.Int64N(int64(e2.Sub(s2) - time.Minute))))
		}
		g.serviceSegment(legStart, legEnd, fail, "mediationServer", "gateway", sbcs[(sbc+l)%len(sbcs)])
		g.serverMedia(msIP, 49152+g.r.IntN(100), msReflex, [4]byte{sbcIP[0], sbcIP[1], sbcIP[2] + byte(l), 10},
			40000+g.r.IntN(2000), byte(40+sbc+l), legStart, legEnd, codec)
		g.closeArr()
		g.close()
		legStart = legEnd.Add(time.Duration(50+g.r.IntN(500)) * time.Millisecond)
	}
	g.closeArr() // segments
	g.close()    // session
}

// serviceSegment opens a segment between two services, up to and including
// the "[" of its media.
func (g *gen) serviceSegment(start, end time.Time, fail *[2]string, callerRole, calleeRole, calleeHeader string) {
	g.open()
	g.str("id", g.uuid())
	g.time("startDateTime", start)
	g.time("endDateTime", end)
	g.failure(fail)
	g.key("caller")
	g.serviceEndpoint(callerRole, "")
	g.key("callee")
	g.serviceEndpoint(calleeRole, calleeHeader)
	g.arr("media")
}

// toConference writes a participant's client as the caller and the
// conference server as the callee.
func (g *gen) toConference(p *person, fb feedback) {
	g.key("caller")
	g.participantEndpoint(p, fb)
	g.key("callee")
	g.serviceEndpoint("skypeForBusinessAudioVideoMcu", "")
}
