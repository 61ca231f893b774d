package export

import (
	"strconv"
	"strings"
	"time"

	"github.com/callscope/callscope/data"
	"github.com/callscope/callscope/jqpath"
)

// streamRow is what one stream's row is made from.
type streamRow struct {
	c              *Call
	se             *data.Session
	sg             *data.Segment
	m              *data.Media
	st             *data.Stream
	path           string
	caller, callee side
}

// side is one end of a stream's leg: the segment's endpoint (its session's
// when the segment has none) with the media's network and device for it.
type side struct {
	e    *data.Endpoint
	net  *data.Network
	dev  *data.Device
	name string // Names.Label: the JSON report's caller or callee
	kind string
	id   data.Identity
}

func (c *Call) side(e *data.Endpoint) side {
	return side{e: e, name: c.Names.Label(e), kind: c.Names.Kind(e), id: c.Names.Identity(e)}
}

// Streams has one row per stream (sessions[].segments[].media[].streams[]).
var Streams = streamsTable(streamColumns())

func streamsTable(cols []col[*streamRow]) *Table {
	t := newTable("streams", cols)
	t.units = func(c *Call) int { return len(c.Record.Sessions) }
	t.rowsOf = func(c *Call) int { q := c.Record.Quality; return q.Good + q.Poor + q.Unclassified }
	lv := levelsOf(cols)
	t.rows = func(c *Call, lo, hi int, row []Value, emit func([]Value, level)) {
		x := streamRow{c: c}
		fillLevel(cols, lv[lvCall], &x, row)
		from := lvCall // the first level filled since the last row
		for _, se := range c.Record.Sessions[lo:hi] {
			x.se = se
			fillLevel(cols, lv[lvSession], &x, row)
			from = min(from, lvSession)
			for _, sg := range se.Segments {
				if len(sg.Media) == 0 {
					continue
				}
				x.sg = sg
				caller, callee := data.SideOf(se, sg)
				x.caller, x.callee = c.side(caller), c.side(callee)
				fillLevel(cols, lv[lvSegment], &x, row)
				from = min(from, lvSegment)
				for _, m := range sg.Media {
					if len(m.Streams) == 0 {
						continue
					}
					x.m = m
					x.caller.net, x.caller.dev = m.CallerNetwork, m.CallerDevice
					x.callee.net, x.callee.dev = m.CalleeNetwork, m.CalleeDevice
					fillLevel(cols, lv[lvMedia], &x, row)
					from = min(from, lvMedia)
					// The first stream's path is the file's spelling;
					// the others differ only in their index.
					base := jqpath.Of(c.File, c.Record, se, sg, m, m.Streams[0])
					base = base[:strings.LastIndexByte(base, '[')+1]
					for _, st := range m.Streams {
						x.st = st
						if st.Index >= 0 {
							x.path = base + strconv.Itoa(st.Index) + "]"
						} else {
							x.path = jqpath.Of(c.File, c.Record, se, sg, m, st)
						}
						fillLevel(cols, lv[lvStream], &x, row)
						emit(row, from)
						from = lvStream
					}
				}
			}
		}
	}
	return t
}

func streamColumns() []col[*streamRow] {
	type C = col[*streamRow]
	type X = *streamRow
	// Columns are a stream's unless levelOf says otherwise.
	const lv = lvStream
	cri := func(name string, t Type, doc string, get func(X) Value) C {
		return C{Column: Column{Name: name, Type: t, CRI: true, Doc: doc}, get: get, level: lv}
	}
	criDict := func(name string, doc string, get func(X) Value) C {
		return C{Column: Column{Name: name, Type: String, CRI: true, Doc: doc, Dict: true}, get: get, level: lv}
	}
	own := func(name string, t Type, doc string, get func(X) Value) C {
		return C{Column: Column{Name: name, Type: t, Doc: doc}, get: get, level: lv}
	}
	ownDict := func(name string, doc string, get func(X) Value) C {
		return C{Column: Column{Name: name, Type: String, Doc: doc, Dict: true}, get: get, level: lv}
	}
	st := func(x X) *data.Stream { return x.st }
	cols := []C{
		cri("CallId", String, "the call record's `id`", func(x X) Value { return str(x.c.Record.ID) }),
		cri("SessionId", String, "the session's `id`", func(x X) Value { return str(x.se.ID) }),
		cri("StreamId", String, "the stream's `streamId`", func(x X) Value { return str(x.st.StreamID) }),
		criDict("StreamDirection", "`streamDirection`: callerToCallee or calleeToCaller", func(x X) Value { return str(x.st.Direction) }),
		criDict("MediaLabel", "the media's `label`: main-audio, main-video, applicationsharing-video, data, …", func(x X) Value { return str(x.m.Label) }),
		cri("CallStartTime", Time, "the call's `startDateTime`", func(x X) Value { return instant(x.c.Record.Start) }),
		cri("CallEndTime", Time, "the call's `endDateTime`", func(x X) Value { return instant(x.c.Record.End) }),
		cri("SessionStartTime", Time, "the session's `startDateTime`", func(x X) Value { return instant(x.se.Start) }),
		cri("SessionEndTime", Time, "the session's `endDateTime`", func(x X) Value { return instant(x.se.End) }),
		cri("LastModifiedDateTimeOffset", Time, "the record's `lastModifiedDateTime`", func(x X) Value { return instant(x.c.Record.LastModified) }),
		criDict("CallType", "the record's `type`: groupCall, peerToPeer, …", func(x X) Value { return str(x.c.Record.Type) }),
		cri("JoinWebUrl", String, "the record's `joinWebUrl`", func(x X) Value { return str(x.c.Record.JoinWebURL) }),
		criDict("VideoCodec", "`videoCodec`", func(x X) Value { return str(x.st.VideoCodec) }),
		criDict("AudioCodec", "`audioCodec`", func(x X) Value { return str(x.st.AudioCodec) }),
		cri("WasMediaBypassed", Bool, "`wasMediaBypassed`", func(x X) Value { return optBool(x.st.WasMediaBypassed) }),
		criDict("FailureStage", "the session's `failureInfo.stage`", func(x X) Value { return failureStage(x.se.Failure) }),
		criDict("FailureReason", "the session's `failureInfo.reason`", func(x X) Value { return failureReason(x.se.Failure) }),
		cri("PacketUtilization", Int, "`packetUtilization`: packets", func(x X) Value { return optInt(x.st.PacketUtilization) }),
		cri("AverageBandwidthEstimate", Int, "`averageBandwidthEstimate`: bits/s", func(x X) Value { return optInt(x.st.AverageBandwidthEstimate) }),
	}
	ratio := func(name, field, unit string, get func(*data.Stream) data.Opt[float64]) C {
		return cri(name, Float, "`"+field+"`: "+unit, func(x X) Value { return optFloat(get(st(x))) })
	}
	cols = append(cols,
		ratio("AverageAudioDegradation", "averageAudioDegradation", "network MOS degradation", func(s *data.Stream) data.Opt[float64] { return s.AverageAudioDegradation }),
		ratio("AveragePacketLossRate", "averagePacketLossRate", "ratio 0–1", func(s *data.Stream) data.Opt[float64] { return s.AveragePacketLossRate }),
		ratio("MaxPacketLossRate", "maxPacketLossRate", "ratio 0–1", func(s *data.Stream) data.Opt[float64] { return s.MaxPacketLossRate }),
		ratio("PostForwardErrorCorrectionPacketLossRate", "postForwardErrorCorrectionPacketLossRate", "ratio 0–1", func(s *data.Stream) data.Opt[float64] { return s.PostFECPacketLossRate }),
		ratio("AverageRatioOfConcealedSamples", "averageRatioOfConcealedSamples", "ratio 0–1", func(s *data.Stream) data.Opt[float64] { return s.AverageRatioOfConcealedSamples }),
		ratio("MaxRatioOfConcealedSamples", "maxRatioOfConcealedSamples", "ratio 0–1", func(s *data.Stream) data.Opt[float64] { return s.MaxRatioOfConcealedSamples }),
		ratio("LowVideoProcessingCapabilityRatio", "lowVideoProcessingCapabilityRatio", "ratio 0–1", func(s *data.Stream) data.Opt[float64] { return s.LowVideoProcessingCapabilityRatio }),
		ratio("AverageVideoFrameRate", "averageVideoFrameRate", "frames/s", func(s *data.Stream) data.Opt[float64] { return s.AverageVideoFrameRate }),
		ratio("AverageReceivedFrameRate", "averageReceivedFrameRate", "frames/s", func(s *data.Stream) data.Opt[float64] { return s.AverageReceivedFrameRate }),
		ratio("LowFrameRateRatio", "lowFrameRateRatio", "ratio 0–1", func(s *data.Stream) data.Opt[float64] { return s.LowFrameRateRatio }),
		ratio("AverageVideoPacketLossRate", "averageVideoPacketLossRate", "ratio 0–1", func(s *data.Stream) data.Opt[float64] { return s.AverageVideoPacketLossRate }),
		ratio("AverageVideoFrameLossPercentage", "averageVideoFrameLossPercentage", "percent 0–100, as Graph and CRI give it", func(s *data.Stream) data.Opt[float64] { return s.AverageVideoFrameLossPercentage }),
		cri("Organizer_Id", String, "`organizer_v2.id` (the deprecated organizer's identity id in older files)", func(x X) Value { return str(organizerID(x.c.Record)) }),
		cri("Organizer_UserPrincipalName", String, "the organizer's `userPrincipalName`", func(x X) Value { return str(organizerUPN(x.c.Record)) }),
	)
	cols = append(cols, lift(criSideColumns("Callee_"), func(x X) *side { return &x.callee })...)
	cols = append(cols, lift(criSideColumns("Caller_"), func(x X) *side { return &x.caller })...)

	// Columns CRI lacks.
	dur := func(name, field string, get func(*data.Stream) data.Opt[time.Duration]) C {
		return own(name, Float, "`"+field+"` in seconds", func(x X) Value { return seconds(get(st(x))) })
	}
	cols = append(cols,
		own("Version", Int, "the record's `version`: it grows when Graph updates the record", func(x X) Value { return optInt(x.c.Record.Version) }),
		own("SegmentId", String, "the segment's `id`", func(x X) Value { return str(x.sg.ID) }),
		own("Path", String, "the stream's jq path in its file, as the JSON report and `y p` give it: real records repeat ids, the path does not", func(x X) Value { return str(x.path) }),
		ownDict("MediaKind", "what the stream carries, which picks its rule: audio, video, screen sharing, app sharing, data, unknown", func(x X) Value { return str(x.st.Kind.String()) }),
		ownDict("Verdict", "good, poor or unclassified, by the Call Quality Dashboard rules (see Quality rules)", func(x X) Value { return str(x.st.Quality.Verdict.String()) }),
		own("Reasons", Strings, "why: every limit crossed for poor, else why good or unclassified (as the JSON report's `reasons`)", func(x X) Value { return list(reasonTexts(x.st.Quality.Reasons)) }),
		own("SegmentStartTime", Time, "the segment's `startDateTime`", func(x X) Value { return instant(x.sg.Start) }),
		own("SegmentEndTime", Time, "the segment's `endDateTime`", func(x X) Value { return instant(x.sg.End) }),
		ownDict("SegmentFailureStage", "the segment's `failureInfo.stage`", func(x X) Value { return failureStage(x.sg.Failure) }),
		ownDict("SegmentFailureReason", "the segment's `failureInfo.reason`", func(x X) Value { return failureReason(x.sg.Failure) }),
		own("StreamStartTime", Time, "the stream's `startDateTime`", func(x X) Value { return instant(x.st.Start) }),
		own("StreamEndTime", Time, "the stream's `endDateTime`", func(x X) Value { return instant(x.st.End) }),
		dur("AverageJitterSeconds", "averageJitter", func(s *data.Stream) data.Opt[time.Duration] { return s.AverageJitter }),
		dur("MaxJitterSeconds", "maxJitter", func(s *data.Stream) data.Opt[time.Duration] { return s.MaxJitter }),
		dur("AverageRoundTripTimeSeconds", "averageRoundTripTime", func(s *data.Stream) data.Opt[time.Duration] { return s.AverageRoundTripTime }),
		dur("MaxRoundTripTimeSeconds", "maxRoundTripTime", func(s *data.Stream) data.Opt[time.Duration] { return s.MaxRoundTripTime }),
		dur("AverageAudioNetworkJitterSeconds", "averageAudioNetworkJitter", func(s *data.Stream) data.Opt[time.Duration] { return s.AverageAudioNetworkJitter }),
		dur("MaxAudioNetworkJitterSeconds", "maxAudioNetworkJitter", func(s *data.Stream) data.Opt[time.Duration] { return s.MaxAudioNetworkJitter }),
		dur("AverageFreezeDurationSeconds", "averageFreezeDuration", func(s *data.Stream) data.Opt[time.Duration] { return s.AverageFreezeDuration }),
		dur("RmsFreezeDurationSeconds", "rmsFreezeDuration", func(s *data.Stream) data.Opt[time.Duration] { return s.RMSFreezeDuration }),
		own("IsAudioForwardErrorCorrectionUsed", Bool, "`isAudioForwardErrorCorrectionUsed`", func(x X) Value { return optBool(x.st.IsAudioFECUsed) }),
		own("Organizer_Name", String, "the organizer as the report names them", func(x X) Value { return str(x.c.Record.OrganizerName()) }),
	)
	cols = append(cols, lift(ownSideColumns("Caller_"), func(x X) *side { return &x.caller })...)
	cols = append(cols, lift(ownSideColumns("Callee_"), func(x X) *side { return &x.callee })...)
	for i := range cols {
		if lv, ok := levelOf[cols[i].Name]; ok {
			cols[i].level = lv
		}
	}
	return cols
}

// levelOf is the level of the streams table's columns that do not belong
// to the stream or to one of its ends.
var levelOf = map[string]level{
	"CallId": lvCall, "CallStartTime": lvCall, "CallEndTime": lvCall, "LastModifiedDateTimeOffset": lvCall,
	"CallType": lvCall, "JoinWebUrl": lvCall, "Organizer_Id": lvCall, "Organizer_UserPrincipalName": lvCall,
	"Version": lvCall, "Organizer_Name": lvCall,
	"SessionId": lvSession, "SessionStartTime": lvSession, "SessionEndTime": lvSession,
	"FailureStage": lvSession, "FailureReason": lvSession,
	"SegmentId": lvSegment, "SegmentStartTime": lvSegment, "SegmentEndTime": lvSegment,
	"SegmentFailureStage": lvSegment, "SegmentFailureReason": lvSegment,
	"MediaLabel": lvMedia,
}

func failureStage(f *data.Failure) Value {
	if f == nil {
		return null
	}
	return str(f.Stage)
}

func failureReason(f *data.Failure) Value {
	if f == nil {
		return null
	}
	return str(f.Reason)
}

func reasonTexts(rs []data.Reason) []string {
	out := make([]string, len(rs))
	for i, r := range rs {
		out[i] = r.Text()
	}
	return out
}

func organizerID(r *data.Record) string {
	for _, p := range []*data.Participant{&r.Organizer, &r.OldOrganizer} {
		if p.ID != "" {
			return p.ID
		}
		if id := p.Identity.Primary(); id != nil && id.ID != "" {
			return id.ID
		}
	}
	return ""
}

func organizerUPN(r *data.Record) string {
	for _, p := range []*data.Participant{&r.Organizer, &r.OldOrganizer} {
		for _, id := range p.Identity {
			if id.UserPrincipalName != "" {
				return id.UserPrincipalName
			}
		}
	}
	return ""
}

// criSideColumns are one end's columns that CRI has, in CRI's order,
// prefixed Caller_ or Callee_.
func criSideColumns(p string) []col[*side] {
	type C = col[*side]
	type S = *side
	c := func(name string, t Type, doc string, get func(S) Value) C {
		return C{Column: Column{Name: p + name, Type: t, CRI: true, Doc: doc}, get: get, level: lvSegment}
	}
	d := func(name string, doc string, get func(S) Value) C {
		return C{Column: Column{Name: p + name, Type: String, CRI: true, Doc: doc, Dict: true}, get: get, level: lvSegment}
	}
	ua := func(s S) *data.UserAgent { return &s.e.UserAgent }
	net := func(name string, t Type, doc string, get func(*data.Network) Value) C {
		x := c(name, t, doc, func(s S) Value {
			if s.net == nil {
				return null
			}
			return get(s.net)
		})
		x.level = lvMedia
		return x
	}
	netDict := func(name string, doc string, get func(*data.Network) Value) C {
		x := net(name, String, doc, get)
		x.Dict = true
		return x
	}
	dev := func(name string, t Type, doc string, get func(*data.Device) Value) C {
		x := c(name, t, doc, func(s S) Value {
			if s.dev == nil {
				return null
			}
			return get(s.dev)
		})
		x.level = lvMedia
		return x
	}
	devDict := func(name string, doc string, get func(*data.Device) Value) C {
		x := dev(name, String, doc, get)
		x.Dict = true
		return x
	}
	return []C{
		c("Id", String, "the endpoint's identity id (`associatedIdentity.id`; filled from participants_v2 when the endpoint names none)", func(s S) Value { return str(s.id.ID) }),
		c("UserPrincipalName", String, "its `userPrincipalName` (filled from participants_v2 when the endpoint has none)", func(s S) Value { return str(s.id.UserPrincipalName) }),
		c("DisplayName", String, "its identity's `displayName` as the endpoint gives it", func(s S) Value { return str(s.id.DisplayName) }),
		c("TenantId", String, "its identity's `tenantId`", func(s S) Value { return str(s.id.TenantID) }),
		d("EndpointType", "the endpoint's `@odata.type`", func(s S) Value { return str(s.e.ODataType) }),
		d("ProductFamily", "`userAgent.productFamily`", func(s S) Value { return str(ua(s).ProductFamily) }),
		d("Platform", "`userAgent.platform`", func(s S) Value { return str(ua(s).Platform) }),
		d("UserAgentHeaderValue", "`userAgent.headerValue`", func(s S) Value { return str(ua(s).HeaderValue) }),
		d("ServiceRole", "`userAgent.role` of a service", func(s S) Value { return str(ua(s).Role) }),
		d("ApplicationVersion", "`userAgent.applicationVersion`", func(s S) Value { return str(ua(s).ApplicationVersion) }),
		d("AzureAdAppId", "`userAgent.azureADAppId` (CRI's column is always empty: it reads `azureAdAppId`)", func(s S) Value { return str(ua(s).AzureADAppID) }),
		d("CommunicationServiceId", "`userAgent.communicationServiceId`", func(s S) Value { return str(ua(s).CommunicationServiceID) }),
		netDict("ConnectionType", "the media's network on this side: `connectionType` (wired, wifi, mobile, …)", func(n *data.Network) Value { return str(n.ConnectionType) }),
		net("ReflexiveIPAddress", String, "`reflexiveIPAddress`", func(n *data.Network) Value { return str(n.ReflexiveIPAddress) }),
		netDict("Subnet", "`subnet`", func(n *data.Network) Value { return str(n.Subnet) }),
		net("IpAddress", String, "`ipAddress`", func(n *data.Network) Value { return str(n.IPAddress) }),
		net("MacAddress", String, "`macAddress`", func(n *data.Network) Value { return str(n.MACAddress) }),
		net("LinkSpeed", Int, "`linkSpeed`: bits/s", func(n *data.Network) Value { return optInt(n.LinkSpeed) }),
		netDict("NetworkTransportProtocol", "`networkTransportProtocol`", func(n *data.Network) Value { return str(n.TransportProtocol) }),
		net("Port", Int32, "`port`", func(n *data.Network) Value { return optInt(n.Port) }),
		net("RelayIPAddress", String, "`relayIPAddress`", func(n *data.Network) Value { return str(n.RelayIPAddress) }),
		net("RelayPort", Int32, "`relayPort`", func(n *data.Network) Value { return optInt(n.RelayPort) }),
		netDict("DnsSuffix", "`dnsSuffix`", func(n *data.Network) Value { return str(n.DNSSuffix) }),
		net("BSSID", String, "`basicServiceSetIdentifier`", func(n *data.Network) Value { return str(n.BSSID) }),
		netDict("WifiRadioType", "`wifiRadioType`", func(n *data.Network) Value { return str(n.WifiRadioType) }),
		netDict("WifiBand", "`wifiBand`", func(n *data.Network) Value { return str(n.WifiBand) }),
		net("WifiChannel", Int32, "`wifiChannel`", func(n *data.Network) Value { return optInt(n.WifiChannel) }),
		net("WifiSignalStrength", Int32, "`wifiSignalStrength`: percent", func(n *data.Network) Value { return optInt(n.WifiSignalStrength) }),
		net("WifiBatteryCharge", Int32, "`wifiBatteryCharge`: percent", func(n *data.Network) Value { return optInt(n.WifiBatteryCharge) }),
		netDict("WifiMicrosoftDriver", "`wifiMicrosoftDriver`", func(n *data.Network) Value { return str(n.WifiMicrosoftDriver) }),
		netDict("WifiMicrosoftDriverVersion", "`wifiMicrosoftDriverVersion`", func(n *data.Network) Value { return str(n.WifiMicrosoftDriverVersion) }),
		netDict("WifiVendorDriver", "`wifiVendorDriver`", func(n *data.Network) Value { return str(n.WifiVendorDriver) }),
		netDict("WifiVendorDriverVersion", "`wifiVendorDriverVersion`", func(n *data.Network) Value { return str(n.WifiVendorDriverVersion) }),
		devDict("CaptureDeviceName", "the media's device on this side: `captureDeviceName`", func(d *data.Device) Value { return str(d.CaptureDeviceName) }),
		devDict("CaptureDeviceDriver", "`captureDeviceDriver`", func(d *data.Device) Value { return str(d.CaptureDeviceDriver) }),
		devDict("RenderDeviceName", "`renderDeviceName`", func(d *data.Device) Value { return str(d.RenderDeviceName) }),
		devDict("RenderDeviceDriver", "`renderDeviceDriver`", func(d *data.Device) Value { return str(d.RenderDeviceDriver) }),
		dev("SentSignalLevel", Float, "`sentSignalLevel`: dBFS", func(d *data.Device) Value { return optIntAsFloat(d.SentSignalLevel) }),
		dev("SentNoiseLevel", Float, "`sentNoiseLevel`: dBFS", func(d *data.Device) Value { return optIntAsFloat(d.SentNoiseLevel) }),
		dev("MicGlitchRate", Float, "`micGlitchRate`: glitches per 5 minutes", func(d *data.Device) Value { return optFloat(d.MicGlitchRate) }),
		dev("ReceivedSignalLevel", Float, "`receivedSignalLevel`: dBFS", func(d *data.Device) Value { return optIntAsFloat(d.ReceivedSignalLevel) }),
		dev("ReceivedNoiseLevel", Float, "`receivedNoiseLevel`: dBFS", func(d *data.Device) Value { return optIntAsFloat(d.ReceivedNoiseLevel) }),
		dev("SpeakerGlitchRate", Float, "`speakerGlitchRate`: glitches per 5 minutes", func(d *data.Device) Value { return optFloat(d.SpeakerGlitchRate) }),
		dev("HowlingEventCount", Int32, "`howlingEventCount`", func(d *data.Device) Value { return optInt(d.HowlingEventCount) }),
		dev("InitialSignalLevelRootMeanSquare", Float, "`initialSignalLevelRootMeanSquare`", func(d *data.Device) Value { return optFloat(d.InitialSignalLevelRMS) }),
		dev("DeviceGlitchEventRatio", Float, "`deviceGlitchEventRatio`: ratio 0–1", func(d *data.Device) Value { return optFloat(d.DeviceGlitchEventRatio) }),
		dev("DeviceClippingEventRatio", Float, "`deviceClippingEventRatio`: ratio 0–1", func(d *data.Device) Value { return optFloat(d.DeviceClippingEventRatio) }),
		dev("LowSpeechToNoiseEventRatio", Float, "`lowSpeechToNoiseEventRatio`: ratio 0–1", func(d *data.Device) Value { return optFloat(d.LowSpeechToNoiseEventRatio) }),
		dev("CaptureNotFunctioningEventRatio", Float, "`captureNotFunctioningEventRatio`: ratio 0–1", func(d *data.Device) Value { return optFloat(d.CaptureNotFunctioningEventRatio) }),
		net("SentQualityEventRatio", Float, "network `sentQualityEventRatio`: ratio 0–1", func(n *data.Network) Value { return optFloat(n.SentQualityEventRatio) }),
		dev("LowSpeechLevelEventRatio", Float, "`lowSpeechLevelEventRatio`: ratio 0–1", func(d *data.Device) Value { return optFloat(d.LowSpeechLevelEventRatio) }),
		dev("RenderNotFunctioningEventRatio", Float, "`renderNotFunctioningEventRatio`: ratio 0–1", func(d *data.Device) Value { return optFloat(d.RenderNotFunctioningEventRatio) }),
		net("ReceivedQualityEventRatio", Float, "network `receivedQualityEventRatio`: ratio 0–1", func(n *data.Network) Value { return optFloat(n.ReceivedQualityEventRatio) }),
		dev("RenderZeroVolumeEventRatio", Float, "`renderZeroVolumeEventRatio`: ratio 0–1", func(d *data.Device) Value { return optFloat(d.RenderZeroVolumeEventRatio) }),
		dev("RenderMuteEventRatio", Float, "`renderMuteEventRatio`: ratio 0–1", func(d *data.Device) Value { return optFloat(d.RenderMuteEventRatio) }),
		dev("CpuInsufficentEventRatio", Float, "`cpuInsufficentEventRatio` (Microsoft's spelling): ratio 0–1", func(d *data.Device) Value { return optFloat(d.CPUInsufficentEventRatio) }),
		net("DelayEventRatio", Float, "network `delayEventRatio`: ratio 0–1", func(n *data.Network) Value { return optFloat(n.DelayEventRatio) }),
		net("BandwidthLowEventRatio", Float, "network `bandwidthLowEventRatio`: ratio 0–1", func(n *data.Network) Value { return optFloat(n.BandwidthLowEventRatio) }),
		d("FeedbackRating", "the endpoint's `feedback.rating`", func(s S) Value {
			if s.e.Feedback == nil {
				return null
			}
			return str(s.e.Feedback.Rating)
		}),
		c("FeedbackText", String, "the endpoint's `feedback.text`", func(s S) Value {
			if s.e.Feedback == nil {
				return null
			}
			return str(s.e.Feedback.Text)
		}),
	}
}

// ownSideColumns are one end's columns that CRI lacks.
func ownSideColumns(p string) []col[*side] {
	type C = col[*side]
	type S = *side
	return []C{
		{level: lvSegment, Column: Column{Name: p + "Name", Type: String, Doc: "the endpoint as the explorer and the JSON report name it (`caller`, `callee`): a person, a phone number, \"Conference server\", …"}, get: func(s S) Value { return str(s.name) }},
		{level: lvSegment, Column: Column{Name: p + "Kind", Type: String, Dict: true, Doc: "what it is: user, phone, guest, resource account, Conference server, PSTN gateway, …"}, get: func(s S) Value { return str(s.kind) }},
		{level: lvSegment, Column: Column{Name: p + "MachineName", Type: String, Doc: "the endpoint's `name`: its device or machine"}, get: func(s S) Value { return str(s.e.Machine) }},
		{level: lvSegment, Column: Column{Name: p + "CpuName", Type: String, Dict: true, Doc: "`cpuName`"}, get: func(s S) Value { return str(s.e.CPUName) }},
		{level: lvSegment, Column: Column{Name: p + "CpuCoresCount", Type: Int32, Doc: "`cpuCoresCount`"}, get: func(s S) Value { return optInt(s.e.CPUCores) }},
		{level: lvSegment, Column: Column{Name: p + "CpuProcessorSpeedInMhz", Type: Int32, Doc: "`cpuProcessorSpeedInMhz`"}, get: func(s S) Value { return optInt(s.e.CPUSpeedMHz) }},
		{level: lvMedia, Column: Column{Name: p + "TraceRouteHopCount", Type: Int32, Doc: "the number of `traceRouteHops` of the media's network on this side (null when none)"}, get: func(s S) Value {
			if s.net == nil || len(s.net.Hops) == 0 {
				return null
			}
			return integer(int64(len(s.net.Hops)))
		}},
	}
}
