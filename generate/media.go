package generate

import (
	"time"
)

// ---------------------------------------------------------------------------------------
// Media.

func (g *gen) clientMedia(p *person, k mediaKind, secs int, setupFailed bool) {
	g.open()
	label, port := "main-audio", 3479
	switch k {
	case mVideo:
		label, port = "main-video", 3480
	case mVBSS:
		label, port = "applicationsharing-video", 3481
	case mData:
		label, port = "data", 3481
	}
	g.str("label", label)
	g.key("callerNetwork")
	g.clientNetwork(p, port, k == mAudio, setupFailed)
	g.key("calleeNetwork")
	g.serverNetwork(port, setupFailed)
	g.key("callerDevice")
	g.clientDevice(p, k, setupFailed)
	g.key("calleeDevice")
	g.nullDevice()
	g.arr("streams")
	for dir := range 2 {
		g.open()
		g.streamID()
		g.raw(`"startDateTime":null,"endDateTime":null,`)
		if dir == 0 {
			g.str("streamDirection", "callerToCallee")
		} else {
			g.str("streamDirection", "calleeToCaller")
		}
		switch {
		case k == mData || setupFailed:
			g.emptyStream()
		case k == mAudio:
			g.audioStream(p, secs, dir, "")
		default:
			g.videoStream(p, secs, k)
		}
		g.close()
	}
	g.closeArr()
	g.close()
}

func (g *gen) clientNetwork(p *person, port int, audio, setupFailed bool) {
	g.b = append(g.b, '{')
	g.ip("ipAddress", p.ip)
	g.ip("subnet", [4]byte{p.ip[0], p.ip[1], p.ip[2], 0})
	g.int("linkSpeed", p.link)
	g.str("connectionType", p.conn)
	g.int("port", int64(50000+g.r.IntN(60)))
	g.ip("reflexiveIPAddress", [4]byte{203, 0, 113, p.reflexIP})
	if setupFailed {
		g.raw(`"relayIPAddress":"","relayPort":null,`)
	} else {
		g.ip("relayIPAddress", [4]byte{198, 51, 100, byte(10 + g.r.IntN(40))})
		g.int("relayPort", int64(port))
	}
	switch p.mac {
	case "-":
		g.null("macAddress")
	default:
		g.str("macAddress", p.mac)
	}
	if p.wifi != nil {
		g.raw(`"wifiMicrosoftDriver":"","wifiMicrosoftDriverVersion":"Microsoft:10.0.26100.4484",`)
		g.str("wifiVendorDriver", p.wifi.vendor)
		g.str("wifiVendorDriverVersion", p.wifi.version)
	} else {
		g.raw(`"wifiMicrosoftDriver":null,"wifiMicrosoftDriverVersion":null,"wifiVendorDriver":null,"wifiVendorDriverVersion":null,`)
	}
	if p.conn == "wifi" {
		g.int("wifiChannel", int64(p.channel))
		if p.band24 {
			g.str("wifiBand", "frequency24GHz")
		} else {
			g.str("wifiBand", "frequency50GHz")
		}
		g.str("basicServiceSetIdentifier", p.bssid)
		switch {
		case p.band24 && p.link < 100000000:
			g.str("wifiRadioType", "wifi80211n")
		case p.link < 800000000:
			g.str("wifiRadioType", "wifi80211ac")
		default:
			g.str("wifiRadioType", "wifi80211ax")
		}
		sig := 30 + g.r.IntN(71)
		if p.band24 {
			sig -= 15
		}
		g.int("wifiSignalStrength", int64(sig))
	} else {
		g.raw(`"wifiChannel":null,"wifiBand":"unknown","basicServiceSetIdentifier":null,"wifiRadioType":"unknown","wifiSignalStrength":null,`)
	}
	if p.battery >= 0 && p.conn == "wifi" {
		g.int("wifiBatteryCharge", int64(p.battery))
	} else {
		g.null("wifiBatteryCharge")
	}
	if p.dns == "-" {
		g.null("dnsSuffix")
	} else {
		g.str("dnsSuffix", p.dns)
	}
	if audio && !setupFailed {
		bad := p.conn != "wired"
		g.ratio("sentQualityEventRatio", bad)
		g.ratio("receivedQualityEventRatio", bad)
		g.ratio("delayEventRatio", bad)
		g.ratio("bandwidthLowEventRatio", bad && p.conn == "mobile")
	} else {
		g.raw(`"sentQualityEventRatio":null,"receivedQualityEventRatio":null,"delayEventRatio":null,"bandwidthLowEventRatio":null,`)
	}
	if setupFailed {
		g.str("networkTransportProtocol", "unknown")
	} else if g.r.IntN(20) == 0 {
		g.str("networkTransportProtocol", "tcp")
	} else {
		g.str("networkTransportProtocol", "udp")
	}
	g.arr("traceRouteHops")
	if audio && !setupFailed && g.r.IntN(100) < 8 {
		hops := 3 + g.r.IntN(4)
		rtt := 1 + g.r.IntN(4)
		if p.conn != "wired" {
			rtt += 5 + g.r.IntN(20)
		}
		for h := 1; h <= hops; h++ {
			g.open()
			g.int("hopCount", int64(h))
			switch {
			case h == 1:
				g.ip("ipAddress", [4]byte{p.ip[0], p.ip[1], p.ip[2], 1})
			case h == hops:
				g.ip("ipAddress", [4]byte{198, 51, 100, byte(10 + g.r.IntN(40))})
			case h == 2:
				g.ip("ipAddress", [4]byte{10, byte(g.r.IntN(256)), 0, 1})
			default:
				g.ip("ipAddress", [4]byte{203, 0, 113, byte(1 + g.r.IntN(254))})
			}
			g.dur("roundTripTime", rtt)
			rtt += 1 + g.r.IntN(12)
			g.close()
		}
	}
	g.closeArr()
	g.close()
}

// ratio writes a network or device event ratio: mostly 0, sometimes a small fraction.
func (g *gen) ratio(k string, likely bool) {
	x := g.r.IntN(100)
	switch {
	case x < 4:
		g.null(k)
	case likely && x < 40, x > 92:
		g.fix(k, int64(1+g.r.IntN(25)), 2)
	default:
		g.raw(`"`)
		g.raw(k)
		g.raw(`":0,`)
	}
}

func (g *gen) serverNetwork(port int, setupFailed bool) {
	g.b = append(g.b, '{')
	if setupFailed {
		g.str("ipAddress", "")
	} else {
		g.ip("ipAddress", [4]byte{10, 224, byte(32 + g.r.IntN(16)), byte(2 + g.r.IntN(250))})
	}
	g.raw(`"subnet":null,"linkSpeed":0,"connectionType":"wired",`)
	g.int("port", int64(port))
	g.raw(`"reflexiveIPAddress":"","relayIPAddress":null,"relayPort":null,"macAddress":null,"wifiMicrosoftDriver":null,"wifiMicrosoftDriverVersion":null,"wifiVendorDriver":null,"wifiVendorDriverVersion":null,"wifiChannel":null,"wifiBand":"unknown","basicServiceSetIdentifier":null,"wifiRadioType":"unknown","wifiSignalStrength":null,"wifiBatteryCharge":null,"dnsSuffix":null,"sentQualityEventRatio":null,"receivedQualityEventRatio":null,"delayEventRatio":null,"bandwidthLowEventRatio":null,"networkTransportProtocol":"udp","traceRouteHops":[]},`)
}

// sbcNetwork is a network of a server reached over the Internet (mediation server to
// gateway legs): private address behind NAT, public reflexive address.
func (g *gen) sbcNetwork(ip [4]byte, port int, reflex byte) {
	g.b = append(g.b, '{')
	g.ip("ipAddress", ip)
	g.ip("subnet", [4]byte{ip[0], ip[1], ip[2], 0})
	g.raw(`"linkSpeed":1000000000,"connectionType":"wired",`)
	g.int("port", int64(port))
	if reflex != 0 {
		g.ip("reflexiveIPAddress", [4]byte{203, 0, 113, reflex})
	} else {
		g.raw(`"reflexiveIPAddress":"",`)
	}
	g.raw(`"relayIPAddress":null,"relayPort":null,"macAddress":null,"wifiMicrosoftDriver":null,"wifiMicrosoftDriverVersion":null,"wifiVendorDriver":null,"wifiVendorDriverVersion":null,"wifiChannel":null,"wifiBand":"unknown","basicServiceSetIdentifier":null,"wifiRadioType":"unknown","wifiSignalStrength":null,"wifiBatteryCharge":null,"dnsSuffix":null,"sentQualityEventRatio":null,"receivedQualityEventRatio":null,"delayEventRatio":null,"bandwidthLowEventRatio":null,"networkTransportProtocol":"udp","traceRouteHops":[]},`)
}

func (g *gen) clientDevice(p *person, k mediaKind, setupFailed bool) {
	if k != mAudio {
		g.b = append(g.b, '{')
		if k == mVideo {
			g.str("captureDeviceName", p.camera)
		} else {
			g.null("captureDeviceName")
		}
		g.raw(`"captureDeviceDriver":null,"renderDeviceName":null,"renderDeviceDriver":null,"sentSignalLevel":null,"receivedSignalLevel":null,"sentNoiseLevel":null,"receivedNoiseLevel":null,"initialSignalLevelRootMeanSquare":null,`)
		if k == mData {
			g.null("cpuInsufficentEventRatio")
		} else {
			g.ratio("cpuInsufficentEventRatio", p.cpu != nil && p.cpu.cores <= 8)
		}
		g.raw(`"renderNotFunctioningEventRatio":null,"captureNotFunctioningEventRatio":null,"deviceGlitchEventRatio":null,"lowSpeechToNoiseEventRatio":null,"lowSpeechLevelEventRatio":null,"deviceClippingEventRatio":null,"howlingEventCount":null,"renderZeroVolumeEventRatio":null,"renderMuteEventRatio":null,"micGlitchRate":null,"speakerGlitchRate":null},`)
		return
	}
	a := p.audio
	g.b = append(g.b, '{')
	g.str("captureDeviceName", a.capture)
	g.strN("captureDeviceDriver", a.captureDriver)
	g.str("renderDeviceName", a.render)
	g.strN("renderDeviceDriver", a.renderDriver)
	if setupFailed {
		g.raw(`"sentSignalLevel":null,"receivedSignalLevel":null,"sentNoiseLevel":null,"receivedNoiseLevel":null,"initialSignalLevelRootMeanSquare":null,"cpuInsufficentEventRatio":null,"renderNotFunctioningEventRatio":null,"captureNotFunctioningEventRatio":null,"deviceGlitchEventRatio":null,"lowSpeechToNoiseEventRatio":null,"lowSpeechLevelEventRatio":null,"deviceClippingEventRatio":null,"howlingEventCount":null,"renderZeroVolumeEventRatio":null,"renderMuteEventRatio":null,"micGlitchRate":null,"speakerGlitchRate":null},`)
		return
	}
	g.int("sentSignalLevel", int64(-35+g.r.IntN(20)))
	g.intOrNull("receivedSignalLevel", int64(-30+g.r.IntN(20)), g.r.IntN(10) == 0)
	g.int("sentNoiseLevel", int64(-85+g.r.IntN(30)))
	g.intOrNull("receivedNoiseLevel", int64(-90+g.r.IntN(25)), g.r.IntN(10) == 0)
	if g.r.IntN(3) == 0 {
		g.null("initialSignalLevelRootMeanSquare")
	} else {
		g.fix("initialSignalLevelRootMeanSquare", int64(2000000+g.r.IntN(14000000)), 5)
	}
	g.ratio("cpuInsufficentEventRatio", p.cpu != nil && p.cpu.cores <= 8)
	g.ratio("renderNotFunctioningEventRatio", false)
	g.ratio("captureNotFunctioningEventRatio", false)
	g.ratio("deviceGlitchEventRatio", p.plat.name == "windows")
	g.ratio("lowSpeechToNoiseEventRatio", p.conn != "wired")
	g.ratio("lowSpeechLevelEventRatio", false)
	g.ratio("deviceClippingEventRatio", false)
	if g.r.IntN(25) == 0 {
		g.int("howlingEventCount", int64(1+g.r.IntN(4)))
	} else {
		g.raw(`"howlingEventCount":0,`)
	}
	g.ratio("renderZeroVolumeEventRatio", false)
	g.ratio("renderMuteEventRatio", false)
	if p.plat.web || p.plat.mobile {
		g.raw(`"micGlitchRate":null,"speakerGlitchRate":null,`)
	} else {
		g.fix("micGlitchRate", int64(g.r.IntN(300)), 1)
		g.fix("speakerGlitchRate", int64(g.r.IntN(120)), 1)
	}
	g.close()
}

func (g *gen) nullDevice() {
	g.raw(`{"captureDeviceName":null,"captureDeviceDriver":null,"renderDeviceName":null,"renderDeviceDriver":null,"sentSignalLevel":null,"receivedSignalLevel":null,"sentNoiseLevel":null,"receivedNoiseLevel":null,"initialSignalLevelRootMeanSquare":null,"cpuInsufficentEventRatio":null,"renderNotFunctioningEventRatio":null,"captureNotFunctioningEventRatio":null,"deviceGlitchEventRatio":null,"lowSpeechToNoiseEventRatio":null,"lowSpeechLevelEventRatio":null,"deviceClippingEventRatio":null,"howlingEventCount":0,"renderZeroVolumeEventRatio":null,"renderMuteEventRatio":null,"micGlitchRate":null,"speakerGlitchRate":null},`)
}

func (g *gen) serverMedia(aIP [4]byte, aPort int, aReflex byte, bIP [4]byte, bPort int, bReflex byte,
	start, end time.Time, codec string) {
	g.open()
	g.str("label", "main-audio")
	g.key("callerNetwork")
	g.sbcNetwork(aIP, aPort, aReflex)
	g.key("calleeNetwork")
	g.sbcNetwork(bIP, bPort, bReflex)
	g.key("callerDevice")
	g.nullDevice()
	g.key("calleeDevice")
	g.nullDevice()
	g.arr("streams")
	secs := int(end.Sub(start) / time.Second)
	for dir := range 2 {
		g.open()
		g.streamID()
		g.time("startDateTime", start)
		g.time("endDateTime", end)
		if dir == 0 {
			g.str("streamDirection", "callerToCallee")
		} else {
			g.str("streamDirection", "calleeToCaller")
		}
		g.audioStream(nil, secs, dir, codec)
		g.close()
	}
	g.closeArr()
	g.close()
}
