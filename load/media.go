package load

import (
	"github.com/callscope/callscope/data"
	"github.com/callscope/callscope/jsonscan"
	"time"
)

// ---------------------------------------------------------------------------------------
// Media, devices, networks and streams.

var mediaFields = tableOf(
	str("label", func(m *data.Media) *string { return &m.Label }),
	own("callerNetwork", func(l *loader, m *data.Media, v jsonscan.Value) { m.CallerNetwork = l.network(v, "callerNetwork") }),
	own("calleeNetwork", func(l *loader, m *data.Media, v jsonscan.Value) { m.CalleeNetwork = l.network(v, "calleeNetwork") }),
	own("callerDevice", func(l *loader, m *data.Media, v jsonscan.Value) { m.CallerDevice = l.device(v, "callerDevice") }),
	own("calleeDevice", func(l *loader, m *data.Media, v jsonscan.Value) { m.CalleeDevice = l.device(v, "calleeDevice") }),
	own("streams", func(l *loader, m *data.Media, v jsonscan.Value) {
		m.Streams = children(l, v, "streams", l.stream, func(s *data.Stream) *int { return &s.Index })
	}),
)

func (l *loader) media(v jsonscan.Value) *data.Media {
	return node(l, v, costMedia, mediaFields, func(m *data.Media) *string { return &m.Raw })
}

var deviceFields = tableOf(
	str("captureDeviceName", func(d *data.Device) *string { return &d.CaptureDeviceName }),
	str("captureDeviceDriver", func(d *data.Device) *string { return &d.CaptureDeviceDriver }),
	str("renderDeviceName", func(d *data.Device) *string { return &d.RenderDeviceName }),
	str("renderDeviceDriver", func(d *data.Device) *string { return &d.RenderDeviceDriver }),
	float("captureNotFunctioningEventRatio", func(d *data.Device) *data.Opt[float64] { return &d.CaptureNotFunctioningEventRatio }),
	float("renderNotFunctioningEventRatio", func(d *data.Device) *data.Opt[float64] { return &d.RenderNotFunctioningEventRatio }),
	float("cpuInsufficentEventRatio", func(d *data.Device) *data.Opt[float64] { return &d.CPUInsufficentEventRatio }), // Microsoft's spelling
	as("cpuInsufficientEventRatio", float("cpuInsufficentEventRatio", func(d *data.Device) *data.Opt[float64] { return &d.CPUInsufficentEventRatio })),
	float("deviceClippingEventRatio", func(d *data.Device) *data.Opt[float64] { return &d.DeviceClippingEventRatio }),
	float("deviceGlitchEventRatio", func(d *data.Device) *data.Opt[float64] { return &d.DeviceGlitchEventRatio }),
	float("lowSpeechLevelEventRatio", func(d *data.Device) *data.Opt[float64] { return &d.LowSpeechLevelEventRatio }),
	float("lowSpeechToNoiseEventRatio", func(d *data.Device) *data.Opt[float64] { return &d.LowSpeechToNoiseEventRatio }),
	float("renderMuteEventRatio", func(d *data.Device) *data.Opt[float64] { return &d.RenderMuteEventRatio }),
	float("renderZeroVolumeEventRatio", func(d *data.Device) *data.Opt[float64] { return &d.RenderZeroVolumeEventRatio }),
	float("micGlitchRate", func(d *data.Device) *data.Opt[float64] { return &d.MicGlitchRate }),
	float("speakerGlitchRate", func(d *data.Device) *data.Opt[float64] { return &d.SpeakerGlitchRate }),
	integer("howlingEventCount", func(d *data.Device) *data.Opt[int64] { return &d.HowlingEventCount }),
	float("initialSignalLevelRootMeanSquare", func(d *data.Device) *data.Opt[float64] { return &d.InitialSignalLevelRMS }),
	integer("receivedNoiseLevel", func(d *data.Device) *data.Opt[int64] { return &d.ReceivedNoiseLevel }),
	integer("receivedSignalLevel", func(d *data.Device) *data.Opt[int64] { return &d.ReceivedSignalLevel }),
	integer("sentNoiseLevel", func(d *data.Device) *data.Opt[int64] { return &d.SentNoiseLevel }),
	integer("sentSignalLevel", func(d *data.Device) *data.Opt[int64] { return &d.SentSignalLevel }),
)

func (l *loader) device(v jsonscan.Value, field string) *data.Device {
	if !l.structured(v, field) {
		return nil
	}
	d := &data.Device{}
	l.charge(v, costDevice)
	l.enter(field)
	defer l.pop()
	fill(l, v, deviceFields, d)
	d.Raw = v.Raw() // just walked: free
	return d
}

var networkFields = tableOf(
	str("ipAddress", func(n *data.Network) *string { return &n.IPAddress }),
	str("subnet", func(n *data.Network) *string { return &n.Subnet }),
	integer("port", func(n *data.Network) *data.Opt[int64] { return &n.Port }),
	str("reflexiveIPAddress", func(n *data.Network) *string { return &n.ReflexiveIPAddress }),
	str("relayIPAddress", func(n *data.Network) *string { return &n.RelayIPAddress }),
	integer("relayPort", func(n *data.Network) *data.Opt[int64] { return &n.RelayPort }),
	str("connectionType", func(n *data.Network) *string { return &n.ConnectionType }),
	str("networkTransportProtocol", func(n *data.Network) *string { return &n.TransportProtocol }),
	integer("linkSpeed", func(n *data.Network) *data.Opt[int64] { return &n.LinkSpeed }),
	str("macAddress", func(n *data.Network) *string { return &n.MACAddress }),
	str("dnsSuffix", func(n *data.Network) *string { return &n.DNSSuffix }),
	str("basicServiceSetIdentifier", func(n *data.Network) *string { return &n.BSSID }),
	str("wifiBand", func(n *data.Network) *string { return &n.WifiBand }),
	str("wifiRadioType", func(n *data.Network) *string { return &n.WifiRadioType }),
	integer("wifiChannel", func(n *data.Network) *data.Opt[int64] { return &n.WifiChannel }),
	integer("wifiSignalStrength", func(n *data.Network) *data.Opt[int64] { return &n.WifiSignalStrength }),
	integer("wifiBatteryCharge", func(n *data.Network) *data.Opt[int64] { return &n.WifiBatteryCharge }),
	str("wifiMicrosoftDriver", func(n *data.Network) *string { return &n.WifiMicrosoftDriver }),
	str("wifiMicrosoftDriverVersion", func(n *data.Network) *string { return &n.WifiMicrosoftDriverVersion }),
	str("wifiVendorDriver", func(n *data.Network) *string { return &n.WifiVendorDriver }),
	str("wifiVendorDriverVersion", func(n *data.Network) *string { return &n.WifiVendorDriverVersion }),
	float("sentQualityEventRatio", func(n *data.Network) *data.Opt[float64] { return &n.SentQualityEventRatio }),
	float("receivedQualityEventRatio", func(n *data.Network) *data.Opt[float64] { return &n.ReceivedQualityEventRatio }),
	float("delayEventRatio", func(n *data.Network) *data.Opt[float64] { return &n.DelayEventRatio }),
	float("bandwidthLowEventRatio", func(n *data.Network) *data.Opt[float64] { return &n.BandwidthLowEventRatio }),
	own("traceRouteHops", func(l *loader, n *data.Network, v jsonscan.Value) {
		n.Hops = nil
		if l.structured(v, "traceRouteHops") {
			l.eachElement(v, "traceRouteHops", func(_ int, e jsonscan.Value) {
				l.charge(e, costHop)
				n.Hops = append(n.Hops, data.Hop{})
				fill(l, e, hopFields, &n.Hops[len(n.Hops)-1])
			})
		}
	}),
)

func (l *loader) network(v jsonscan.Value, field string) *data.Network {
	if !l.structured(v, field) {
		return nil
	}
	n := &data.Network{}
	l.charge(v, costNetwork)
	l.enter(field)
	defer l.pop()
	fill(l, v, networkFields, n)
	n.Raw = v.Raw() // just walked: free
	return n
}

var hopFields = tableOf(
	integer("hopCount", func(h *data.Hop) *data.Opt[int64] { return &h.HopCount }),
	str("ipAddress", func(h *data.Hop) *string { return &h.IPAddress }),
	duration("roundTripTime", func(h *data.Hop) *data.Opt[time.Duration] { return &h.RTT }),
)

var streamFields = tableOf(
	str("streamId", func(s *data.Stream) *string { return &s.StreamID }),
	str("streamDirection", func(s *data.Stream) *string { return &s.Direction }),
	str("audioCodec", func(s *data.Stream) *string { return &s.AudioCodec }),
	str("videoCodec", func(s *data.Stream) *string { return &s.VideoCodec }),
	when("startDateTime", func(s *data.Stream) *time.Time { return &s.Start }),
	when("endDateTime", func(s *data.Stream) *time.Time { return &s.End }),
	float("averageAudioDegradation", func(s *data.Stream) *data.Opt[float64] { return &s.AverageAudioDegradation }),
	duration("averageAudioNetworkJitter", func(s *data.Stream) *data.Opt[time.Duration] { return &s.AverageAudioNetworkJitter }),
	duration("maxAudioNetworkJitter", func(s *data.Stream) *data.Opt[time.Duration] { return &s.MaxAudioNetworkJitter }),
	integer("averageBandwidthEstimate", func(s *data.Stream) *data.Opt[int64] { return &s.AverageBandwidthEstimate }),
	duration("averageFreezeDuration", func(s *data.Stream) *data.Opt[time.Duration] { return &s.AverageFreezeDuration }),
	duration("rmsFreezeDuration", func(s *data.Stream) *data.Opt[time.Duration] { return &s.RMSFreezeDuration }),
	duration("averageJitter", func(s *data.Stream) *data.Opt[time.Duration] { return &s.AverageJitter }),
	duration("maxJitter", func(s *data.Stream) *data.Opt[time.Duration] { return &s.MaxJitter }),
	float("averagePacketLossRate", func(s *data.Stream) *data.Opt[float64] { return &s.AveragePacketLossRate }),
	float("maxPacketLossRate", func(s *data.Stream) *data.Opt[float64] { return &s.MaxPacketLossRate }),
	float("averageRatioOfConcealedSamples", func(s *data.Stream) *data.Opt[float64] { return &s.AverageRatioOfConcealedSamples }),
	float("maxRatioOfConcealedSamples", func(s *data.Stream) *data.Opt[float64] { return &s.MaxRatioOfConcealedSamples }),
	float("averageReceivedFrameRate", func(s *data.Stream) *data.Opt[float64] { return &s.AverageReceivedFrameRate }),
	duration("averageRoundTripTime", func(s *data.Stream) *data.Opt[time.Duration] { return &s.AverageRoundTripTime }),
	duration("maxRoundTripTime", func(s *data.Stream) *data.Opt[time.Duration] { return &s.MaxRoundTripTime }),
	float("averageVideoFrameLossPercentage", func(s *data.Stream) *data.Opt[float64] { return &s.AverageVideoFrameLossPercentage }),
	float("averageVideoFrameRate", func(s *data.Stream) *data.Opt[float64] { return &s.AverageVideoFrameRate }),
	float("averageVideoPacketLossRate", func(s *data.Stream) *data.Opt[float64] { return &s.AverageVideoPacketLossRate }),
	float("lowFrameRateRatio", func(s *data.Stream) *data.Opt[float64] { return &s.LowFrameRateRatio }),
	float("lowVideoProcessingCapabilityRatio", func(s *data.Stream) *data.Opt[float64] { return &s.LowVideoProcessingCapabilityRatio }),
	integer("packetUtilization", func(s *data.Stream) *data.Opt[int64] { return &s.PacketUtilization }),
	float("postForwardErrorCorrectionPacketLossRate", func(s *data.Stream) *data.Opt[float64] { return &s.PostFECPacketLossRate }),
	boolean("isAudioForwardErrorCorrectionUsed", func(s *data.Stream) *data.Opt[bool] { return &s.IsAudioFECUsed }),
	boolean("wasMediaBypassed", func(s *data.Stream) *data.Opt[bool] { return &s.WasMediaBypassed }),
)

func (l *loader) stream(v jsonscan.Value) *data.Stream {
	return node(l, v, costStream, streamFields, func(s *data.Stream) *string { return &s.Raw })
}
