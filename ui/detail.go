package ui

import (
	"fmt"
	"strings"
	"time"

	"github.com/callscope/callscope/data"
	"github.com/callscope/callscope/findings"
	"github.com/callscope/callscope/quality"
	"github.com/callscope/callscope/text"
)

// maxListed caps lists in the call pane: a meeting can have thousands of
// participants, and the pane is built whenever the call is selected.
const maxListed = 40

// detailTitle names the selected node for the pane's title.
func detailTitle(f *data.File, n Node) string {
	p := resolve(f, n)
	switch n.Level {
	case LevelCall:
		return "Call " + shortID(p.rec.ID)
	case LevelSession:
		return "Session · " + text.Clean(p.rec.Names().SessionWho(p.se))
	case LevelSegment:
		return fmt.Sprintf("Segment %d of %d", n.Sg+1, len(p.se.Segments))
	case LevelMedia:
		return "Media · " + clean(p.md.Label)
	}
	return "Stream · " + clean(p.st.StreamID)
}

// buildDetail renders the pane for a node at width w.
// px adds what PSTN and Direct Routing logs say (pstn.go).
func buildDetail(f *data.File, n Node, w int, st styles, px *pstnFile) block {
	if w <= 0 {
		return nil
	}
	p := resolve(f, n)
	var b block
	switch n.Level {
	case LevelCall:
		b = callDetail(p.rec, px.nodeFindings(n, p.rec.Findings), px.detailBlock(n, w, st), w, st)
	case LevelSession:
		b = sessionDetail(p, px.nodeFindings(n, findings.Session(p.rec, p.se)), px.detailBlock(n, w, st), w, st)
	case LevelSegment:
		b = segmentDetail(p, px.nodeFindings(n, withoutFailures(findings.At(p.rec, placeOf(n)))), px.detailBlock(n, w, st), w, st)
	case LevelMedia:
		b = mediaDetail(p, placeOf(n), w, st)
	default:
		b = streamDetail(p, placeOf(n), w, st)
	}
	for i := range b {
		b[i] = fit(b[i], w) // once here, so that frames only slice
	}
	return b
}

func verdictSummary(q data.Rollup, st styles) string {
	parts := []string{
		st.good.Render(fmt.Sprintf("%s %d good", markGood, q.Good)),
		st.poor.Render(fmt.Sprintf("%s %d poor", markProblem, q.Poor)),
		st.unclassified.Render(fmt.Sprintf("%s %d unclassified", markUnclassified, q.Unclassified)),
	}
	if q.Failures > 0 {
		parts = append(parts, st.failure.Render(fmt.Sprintf("%s %s", markFailed, text.Plural(q.Failures, "failure"))))
	}
	return strings.Join(parts, "  ")
}

// fs are the call's findings, pstn its PSTN block (pstn.go).
func callDetail(r *data.Record, fs []data.Finding, pstn block, w int, st styles) block {
	c := r.Counts()
	fields := []field{
		{"Id", clean(r.ID)},
		{"Type", words("type", r.Type)},
		{"Modalities", clean(data.ModalityWords(r.Modalities))},
		{"Start", st.timeText(r.Start)},
		{"End", st.timeText(r.End)},
		{"Duration", spanText(r.Duration())},
		{"Version", optInt(r.Version, "")},
		{"Last modified", st.timeText(r.LastModified)},
		{"Organizer", clean(r.OrganizerName())},
		{"Join URL", clean(r.JoinWebURL)},
	}
	counts := []field{
		{"Participants", fmt.Sprint(c.Participants)},
		{"Sessions", fmt.Sprint(c.Sessions)},
		{"Segments", fmt.Sprint(c.Segments)},
		{"Media", fmt.Sprint(c.Media)},
		{"Streams", fmt.Sprint(c.Streams)},
		{"Trace-route hops", fmt.Sprint(c.TraceRouteHops)},
		{"Verdicts", verdictSummary(r.Quality, st)},
	}
	var people []field
	for i, pt := range r.Participants {
		if i == maxListed {
			people = append(people, field{"", st.muted.Render(fmt.Sprintf("… and %d more", len(r.Participants)-maxListed))})
			break
		}
		kind := ""
		if id := pt.Identity.Primary(); id != nil {
			kind = data.IdentityKindWords(id.Kind)
		}
		people = append(people, field{clean(r.Names().ParticipantName(&pt)), st.muted.Render(kind)})
	}
	var warn block
	if len(r.Warnings) > 0 {
		warn = append(warn, fit(st.warning.Render(fmt.Sprintf("Warnings (%d)", len(r.Warnings))), w))
		for _, x := range r.Warnings {
			warn = append(warn, paragraph("! "+text.Clean(x), w, st.warning)...)
		}
	}
	findings := findingsBlock(fs, w, st)
	title := "Participants"
	if r.ParticipantsFrom != "" {
		title += " (" + r.ParticipantsFrom + ")"
	}
	if len(people) == 0 {
		title = ""
	}
	return join(warn, findings, pstn, section("Call", fields, w, st), section("Counts", counts, w, st), section(title, people, w, st))
}

func spanText(d time.Duration) string {
	if d < 0 {
		return dash
	}
	return text.FormatSpan(d)
}

// endpointFields describes one side of a session or segment. Names come
// from the record: an endpoint may carry only an id that participants_v2
// names.
func endpointFields(names *data.Names, e *data.Endpoint, st styles) []field {
	if !e.Present {
		return []field{{"", st.muted.Render("not in the record")}}
	}
	ua := e.UserAgent
	fs := []field{
		{"Name", clean(names.Label(e))},
		{"Kind", clean(names.Kind(e))}, // a service's role, in words
	}
	if id := names.Identity(e); id != (data.Identity{}) {
		fs = append(fs, field{"UPN", clean(id.UserPrincipalName)}, field{"User id", clean(id.ID)}, field{"Tenant", clean(id.TenantID)})
	}
	fs = append(fs,
		field{"User agent", clean(ua.HeaderValue)},
		field{"Platform", words("platform", ua.Platform)},
		field{"Product", words("productFamily", ua.ProductFamily)},
		field{"App version", clean(ua.ApplicationVersion)},
	)
	if e.Kind == data.EndpointParticipant || e.Machine != "" || e.CPUName != "" {
		cpu := clean(e.CPUName)
		if e.CPUCores.OK || e.CPUSpeedMHz.OK {
			cpu += st.muted.Render(fmt.Sprintf(" (%s cores, %s)", optInt(e.CPUCores, ""), optInt(e.CPUSpeedMHz, "MHz")))
		}
		fs = append(fs, field{"Device name", clean(e.Machine)}, field{"CPU", cpu})
	}
	if fb := e.Feedback; fb != nil {
		rating := clean(fb.Rating)
		if strings.EqualFold(fb.Rating, "poor") || strings.EqualFold(fb.Rating, "bad") {
			rating = st.poor.Render(rating)
		}
		fs = append(fs, field{"Feedback", rating})
		if fb.Text != "" {
			fs = append(fs, field{"  text", "“" + text.Clean(fb.Text) + "”"})
		}
		if len(fb.Tokens) > 0 {
			fs = append(fs, field{"  tokens", text.Clean(strings.Join(fb.Tokens, ", "))})
		}
	}
	return fs
}

// findingsBlock lists findings, most severe first, capped for big calls.
func findingsBlock(fs []data.Finding, w int, st styles) block {
	if len(fs) == 0 {
		return nil
	}
	b := block{fit(st.title.Render(fmt.Sprintf("Findings (%d)", len(fs))), w)}
	for i, f := range fs {
		if i == maxListed {
			b = append(b, paragraph(fmt.Sprintf("… and %d more: %s lists them all", len(fs)-i, reportCommand(st)), w, st.muted)...)
			break
		}
		sym, style := findingMark(f, st)
		b = append(b, paragraph(sym+" "+text.Clean(f.String()), w, style)...)
	}
	return b
}

// reportCommand is the command the explorer suggests for a full report.
func reportCommand(st styles) string {
	if st.reportHint != "" {
		return text.OneLine(st.reportHint)
	}
	return "callscope report --format json"
}

// withoutFailures drops the failures from a list of findings.
func withoutFailures(fs []data.Finding) []data.Finding {
	out := fs[:0:0]
	for _, f := range fs {
		if !f.Failure {
			out = append(out, f)
		}
	}
	return out
}

func failureBlock(f *data.Failure, w int, st styles) block {
	if f == nil {
		return nil
	}
	return paragraph(markFailed+" Failed at "+words("failureStage", f.Stage)+": "+clean(f.Reason), w, st.failure)
}

func sidesBlock(names *data.Names, caller, callee *data.Endpoint, w int, st styles) block {
	return pair(w, 72, st, func(cw int) (block, block) {
		return section("Caller", endpointFields(names, caller, st), cw, st), section("Callee", endpointFields(names, callee, st), cw, st)
	})
}

func sessionDetail(p path, fs []data.Finding, pstn block, w int, st styles) block {
	se := p.se
	facts := []field{
		{"Id", clean(se.ID)},
		{"Start", st.timeText(se.Start)},
		{"End", st.timeText(se.End)},
		{"Duration", spanText(se.Duration())},
		{"Modalities", clean(data.ModalityWords(se.Modalities))},
		{"Test call", optBool(se.IsTest)},
		{"Segments", fmt.Sprint(len(se.Segments))},
		{"Streams", verdictSummary(se.Quality, st)},
	}
	return join(findingsBlock(fs, w, st), pstn, sidesBlock(p.rec.Names(), &se.Caller, &se.Callee, w, st), section("Session", facts, w, st))
}

// fs are its findings without its failure, pstn its PSTN block (pstn.go).
func segmentDetail(p path, fs []data.Finding, pstn block, w int, st styles) block {
	sg := p.sg
	caller, callee := p.sides()
	facts := []field{
		{"Id", clean(sg.ID)},
		{"Start", st.timeText(sg.Start)},
		{"End", st.timeText(sg.End)},
		{"Duration", spanText(sg.Duration())},
		{"Media", fmt.Sprint(len(sg.Media))},
		{"Streams", verdictSummary(sg.Quality, st)},
	}
	// Its failure is said above; its findings explain its mark.
	return join(failureBlock(sg.Failure, w, st), findingsBlock(fs, w, st), pstn,
		sidesBlock(p.rec.Names(), caller, callee, w, st), section("Segment", facts, w, st))
}

func deviceFields(d *data.Device, lim limits, st styles) []field {
	if d == nil {
		return []field{{"", st.muted.Render("no device data")}}
	}
	g := func(o data.Opt[float64], metric string) string { return lim.gauge(o, metric, st) }
	return []field{
		{"Capture device", clean(d.CaptureDeviceName)},
		{"  driver", clean(d.CaptureDeviceDriver)},
		{"Render device", clean(d.RenderDeviceName)},
		{"  driver", clean(d.RenderDeviceDriver)},
		{"Capture not working", g(d.CaptureNotFunctioningEventRatio, "captureNotFunctioningEventRatio")},
		{"Render not working", g(d.RenderNotFunctioningEventRatio, "renderNotFunctioningEventRatio")},
		{"CPU insufficient", g(d.CPUInsufficentEventRatio, "cpuInsufficentEventRatio")},
		{"Clipping", g(d.DeviceClippingEventRatio, "deviceClippingEventRatio")},
		{"Device glitches", g(d.DeviceGlitchEventRatio, "deviceGlitchEventRatio")},
		{"Low speech level", g(d.LowSpeechLevelEventRatio, "lowSpeechLevelEventRatio")},
		{"Low speech/noise", g(d.LowSpeechToNoiseEventRatio, "lowSpeechToNoiseEventRatio")},
		{"Render muted", g(d.RenderMuteEventRatio, "renderMuteEventRatio")},
		{"Render volume zero", g(d.RenderZeroVolumeEventRatio, "renderZeroVolumeEventRatio")},
		{"Mic glitches", lim.show("micGlitchRate", optFloat(d.MicGlitchRate, 1, "per 5 min"), st)},
		{"Speaker glitches", lim.show("speakerGlitchRate", optFloat(d.SpeakerGlitchRate, 1, "per 5 min"), st)},
		{"Howling events", lim.show("howlingEventCount", optInt(d.HowlingEventCount, ""), st)},
		{"Initial signal RMS", optFloat(d.InitialSignalLevelRMS, 1, "")},
		{"Sent signal/noise", optInt(d.SentSignalLevel, "dB") + " / " + optInt(d.SentNoiseLevel, "dB")},
		{"Recv signal/noise", optInt(d.ReceivedSignalLevel, "dB") + " / " + optInt(d.ReceivedNoiseLevel, "dB")},
	}
}

func addrPort(ip string, port data.Opt[int64]) string {
	ip = text.Clean(ip)
	if ip == "" {
		return dash
	}
	if port.OK {
		if strings.Contains(ip, ":") {
			return fmt.Sprintf("[%s]:%d", ip, port.V)
		}
		return fmt.Sprintf("%s:%d", ip, port.V)
	}
	return ip
}

func networkFields(n *data.Network, lim limits, st styles) []field {
	if n == nil {
		return []field{{"", st.muted.Render("no network data")}}
	}
	g := func(o data.Opt[float64], metric string) string { return lim.gauge(o, metric, st) }
	fs := []field{
		{"Connection", words("connectionType", n.ConnectionType)},
		{"IP address", addrPort(n.IPAddress, n.Port)},
		{"Subnet", clean(n.Subnet)},
		{"Reflexive IP", clean(n.ReflexiveIPAddress)},
		{"Relay", addrPort(n.RelayIPAddress, n.RelayPort)},
		{"Transport", words("transportProtocol", n.TransportProtocol)},
		{"Link speed", bitrate(n.LinkSpeed)},
		{"MAC address", clean(n.MACAddress)},
		{"DNS suffix", clean(n.DNSSuffix)},
	}
	if n.WifiBand != "" || n.WifiSignalStrength.OK || strings.EqualFold(n.ConnectionType, "wifi") {
		fs = append(fs,
			field{"Wi-Fi band", words("wifiBand", n.WifiBand)},
			field{"Wi-Fi radio", words("wifiRadioType", n.WifiRadioType)},
			field{"Wi-Fi channel", optInt(n.WifiChannel, "")},
			field{"Wi-Fi signal", lim.show("wifiSignalStrength", optInt(n.WifiSignalStrength, "%"), st)},
			field{"Battery", optInt(n.WifiBatteryCharge, "%")},
			field{"BSSID", clean(n.BSSID)},
			field{"Wi-Fi driver", clean(strings.TrimSpace(n.WifiVendorDriver + " " + n.WifiVendorDriverVersion))},
		)
	}
	fs = append(fs,
		field{"Sent quality events", g(n.SentQualityEventRatio, "sentQualityEventRatio")},
		field{"Recv quality events", g(n.ReceivedQualityEventRatio, "receivedQualityEventRatio")},
		field{"Delay events", g(n.DelayEventRatio, "delayEventRatio")},
		field{"Low bandwidth", g(n.BandwidthLowEventRatio, "bandwidthLowEventRatio")},
	)
	return fs
}

func hopsBlock(n *data.Network, w int, st styles) block {
	b := block{fit(st.title.Render("Trace route"), w)}
	if n == nil || len(n.Hops) == 0 {
		return append(b, paragraph("no hops: trace-route data is only collected when Microsoft enables it for the tenant", w, st.muted)...)
	}
	b = append(b, fit(st.label.Render(fmt.Sprintf("%-4s %-39s %s", "hop", "IP address", "RTT")), w))
	for _, h := range n.Hops {
		b = append(b, fit(fmt.Sprintf("%-4s %s %s", optInt(h.HopCount, ""), pad(text.Clean(h.IPAddress), 39), optMillis(h.RTT)), w))
	}
	return b
}

func mediaDetail(p path, at data.Place, w int, st styles) block {
	md := p.md
	caller, callee := p.sides()
	names := p.rec.Names()
	fs := findings.At(p.rec, at)
	head := section("", []field{
		{"Label", data.LabelWords(md.Label)},
		{"Streams", verdictSummary(md.Quality, st)},
	}, w, st)
	side := func(name string, e *data.Endpoint, d *data.Device, n *data.Network, cw int) block {
		who := names.Label(e)
		lim := sideLimits(fs, who)
		title := name + " · " + text.Clean(who)
		return join(
			section(title+" · device", deviceFields(d, lim, st), cw, st),
			section(title+" · network", networkFields(n, lim, st), cw, st),
			hopsBlock(n, cw, st),
		)
	}
	return join(findingsBlock(fs, w, st), head, pair(w, 100, st, func(cw int) (block, block) {
		return side("Caller", caller, md.CallerDevice, md.CallerNetwork, cw), side("Callee", callee, md.CalleeDevice, md.CalleeNetwork, cw)
	}))
}

func streamDetail(p path, at data.Place, w int, st styles) block {
	s := p.st
	caller, callee := p.sides()
	names := p.rec.Names()
	from, to := names.Label(caller), names.Label(callee)
	if strings.EqualFold(s.Direction, "calleeToCaller") {
		from, to = to, from
	}
	sym, style := mark(p.quality(LevelStream), st)
	verdict := block{fit(style.Render(sym+" "+s.Quality.Verdict.String()+" "+s.Kind.String()), w)}
	for _, r := range s.Quality.Reasons {
		verdict = append(verdict, paragraph("  • "+r.Text(), w, style)...)
	}
	for _, r := range s.Quality.Notes {
		verdict = append(verdict, paragraph("  note: "+r.Text(), w, st.warning)...)
	}
	verdict = append(verdict, paragraph("  "+quality.CQDSource, w, st.muted)...)
	if s.Quality.Verdict == data.Poor {
		verdict = append(verdict, paragraph("  "+quality.CQDCaveat, w, st.muted)...)
	}
	lim := streamLimits(s, findings.At(p.rec, at))
	show := func(metric, value string) string { return lim.show(metric, value, st) }
	flow := section("Stream", someFields([]field{
		{"Id", clean(s.StreamID)},
		{"Direction", words("direction", s.Direction) + " (" + text.Clean(from) + " → " + text.Clean(to) + ")"},
		{"Media", data.LabelWords(p.md.Label)},
		{"Audio codec", words("audioCodec", s.AudioCodec)},
		{"Video codec", words("videoCodec", s.VideoCodec)},
		{"Start", st.timeText(s.Start)},
		{"End", st.timeText(s.End)},
		{"Media bypassed", optBool(s.WasMediaBypassed)},
	}, "Audio codec", "Video codec"), w, st)
	network := section("Network", someFields([]field{
		{"Jitter avg / max", show("averageJitter", optMillis(s.AverageJitter)) + " / " + optMillis(s.MaxJitter)},
		{"Round trip avg / max", show("averageRoundTripTime", optMillis(s.AverageRoundTripTime)) + " / " + optMillis(s.MaxRoundTripTime)},
		{"Packet loss avg / max", show("averagePacketLossRate", optPercent(s.AveragePacketLossRate)) + " / " + optPercent(s.MaxPacketLossRate)},
		{"Post-FEC packet loss", show("postForwardErrorCorrectionPacketLossRate", optPercent(s.PostFECPacketLossRate))},
		{"Bandwidth estimate", bitrate(s.AverageBandwidthEstimate)},
		{"Packet utilization", show("packetUtilization", optInt(s.PacketUtilization, "packets"))},
	}), w, st)
	audio := section("Audio", someFields([]field{
		{"Audio network jitter", optMillis(s.AverageAudioNetworkJitter) + " / " + optMillis(s.MaxAudioNetworkJitter)},
		{"Audio degradation", show("averageAudioDegradation", optFloat(s.AverageAudioDegradation, 2, ""))},
		{"Concealed avg / max", show("averageRatioOfConcealedSamples", optPercent(s.AverageRatioOfConcealedSamples)) + " / " + optPercent(s.MaxRatioOfConcealedSamples)},
		{"FEC used", optBool(s.IsAudioFECUsed)},
	}), w, st)
	video := section("Video", someFields([]field{
		{"Frame rate", show("averageVideoFrameRate", optFloat(s.AverageVideoFrameRate, 1, "fps"))},
		{"Received frame rate", optFloat(s.AverageReceivedFrameRate, 1, "fps")},
		{"Frame loss", show("averageVideoFrameLossPercentage", optFloat(s.AverageVideoFrameLossPercentage, 1, "%"))},
		{"Video packet loss", optPercent(s.AverageVideoPacketLossRate)},
		{"Low frame rate", optPercent(s.LowFrameRateRatio)},
		{"Low processing", optPercent(s.LowVideoProcessingCapabilityRatio)},
		{"Freeze avg / rms", optMillis(s.AverageFreezeDuration) + " / " + optMillis(s.RMSFreezeDuration)},
	}), w, st)
	return join(verdict, flow, network, audio, video)
}
