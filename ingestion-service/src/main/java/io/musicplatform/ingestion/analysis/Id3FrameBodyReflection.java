package io.musicplatform.ingestion.analysis;

import io.quarkus.runtime.annotations.RegisterForReflection;
import org.jaudiotagger.tag.id3.framebody.*;

/**
 * The ID3v2 frame bodies, registered for a native image: jaudiotagger makes each frame's body by name
 * ({@code Class.forName("...FrameBody" + frameId)}, then its constructor from the bytes, or its copy
 * constructor), which a native image only allows for registered classes. Without them every frame of
 * an MP3's or a WAV's ID3 tag would be read as unsupported, and the track would lose its tags. Every
 * concrete frame body of the library: {@code Id3FrameBodyReflectionTest} fails when an upgrade adds one.
 */
@RegisterForReflection(methods = false, fields = false, targets = {
        FrameBodyAENC.class, FrameBodyAPIC.class, FrameBodyASPI.class, FrameBodyCHAP.class, FrameBodyCOMM.class,
        FrameBodyCOMR.class, FrameBodyCRM.class, FrameBodyCTOC.class, FrameBodyDeprecated.class, FrameBodyENCR.class,
        FrameBodyEQU2.class, FrameBodyEQUA.class, FrameBodyETCO.class, FrameBodyEncrypted.class, FrameBodyGEOB.class,
        FrameBodyGRID.class, FrameBodyGRP1.class, FrameBodyIPLS.class, FrameBodyLINK.class, FrameBodyMCDI.class,
        FrameBodyMLLT.class, FrameBodyMVIN.class, FrameBodyMVNM.class, FrameBodyOWNE.class, FrameBodyPCNT.class,
        FrameBodyPIC.class, FrameBodyPOPM.class, FrameBodyPOSS.class, FrameBodyPRIV.class, FrameBodyRBUF.class,
        FrameBodyRVA2.class, FrameBodyRVAD.class, FrameBodyRVRB.class, FrameBodySEEK.class, FrameBodySIGN.class,
        FrameBodySYLT.class, FrameBodySYTC.class, FrameBodyTALB.class, FrameBodyTBPM.class, FrameBodyTCMP.class,
        FrameBodyTCOM.class, FrameBodyTCON.class, FrameBodyTCOP.class, FrameBodyTDAT.class, FrameBodyTDEN.class,
        FrameBodyTDLY.class, FrameBodyTDOR.class, FrameBodyTDRC.class, FrameBodyTDRL.class, FrameBodyTDTG.class,
        FrameBodyTENC.class, FrameBodyTEXT.class, FrameBodyTFLT.class, FrameBodyTIME.class, FrameBodyTIPL.class,
        FrameBodyTIT1.class, FrameBodyTIT2.class, FrameBodyTIT3.class, FrameBodyTKEY.class, FrameBodyTLAN.class,
        FrameBodyTLEN.class, FrameBodyTMCL.class, FrameBodyTMED.class, FrameBodyTMOO.class, FrameBodyTOAL.class,
        FrameBodyTOFN.class, FrameBodyTOLY.class, FrameBodyTOPE.class, FrameBodyTORY.class, FrameBodyTOWN.class,
        FrameBodyTPE1.class, FrameBodyTPE2.class, FrameBodyTPE3.class, FrameBodyTPE4.class, FrameBodyTPOS.class,
        FrameBodyTPRO.class, FrameBodyTPUB.class, FrameBodyTRCK.class, FrameBodyTRDA.class, FrameBodyTRSN.class,
        FrameBodyTRSO.class, FrameBodyTSIZ.class, FrameBodyTSO2.class, FrameBodyTSOA.class, FrameBodyTSOC.class,
        FrameBodyTSOP.class, FrameBodyTSOT.class, FrameBodyTSRC.class, FrameBodyTSSE.class, FrameBodyTSST.class,
        FrameBodyTXXX.class, FrameBodyTYER.class, FrameBodyUFID.class, FrameBodyUSER.class, FrameBodyUSLT.class,
        FrameBodyUnsupported.class, FrameBodyWCOM.class, FrameBodyWCOP.class, FrameBodyWOAF.class, FrameBodyWOAR.class,
        FrameBodyWOAS.class, FrameBodyWORS.class, FrameBodyWPAY.class, FrameBodyWPUB.class, FrameBodyWXXX.class,
        FrameBodyXSOA.class, FrameBodyXSOP.class, FrameBodyXSOT.class
})
final class Id3FrameBodyReflection {

    private Id3FrameBodyReflection() {
    }
}
