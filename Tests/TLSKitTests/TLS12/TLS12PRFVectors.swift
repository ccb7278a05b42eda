/// Known answers for the TLS 1.2 PRF and what is built on it (RFC 5246, Sections 5, 6.3,
/// 7.4.9 and 8.1; RFC 7627, Section 4; RFC 5705, Section 4).
///
/// The inputs are arbitrary bytes (Python's `random.seed(5246)`); every output was computed
/// with OpenSSL 3.0's TLS1-PRF, independently of this library, as
///
/// ```
/// openssl kdf -keylen LENGTH -kdfopt digest:SHA256 (or SHA384) \
///     -kdfopt hexsecret:SECRET -kdfopt hexseed:LABEL_BYTES||SEED TLS1-PRF
/// ```
///
/// with, per value:
/// - `prf*`: secret `prfSecret` (SHA-256) or `prfSecret384` (SHA-384), label "test label",
///   seed `prfSeed` (`prf384_empty_seed_77`: label "x", no seed);
/// - `master*`: secret `premaster`, label "master secret", seed clientRandom || serverRandom;
/// - `ems*`: secret `premaster`, label "extended master secret", seed `sessionHash*`;
/// - `keyBlock*`: secret `master256` (AES-128-GCM, 40 bytes; ChaCha20-Poly1305, 88 bytes) or
///   `master384` (AES-256-GCM, 72 bytes), label "key expansion", seed serverRandom || clientRandom;
/// - `*Finished*`: secret `master*`, label "client finished"/"server finished", seed
///   `handshakeHash*`, 12 bytes;
/// - `exporter*`: label "EXPORTER-test", seed clientRandom || serverRandom, then for
///   `exporterContext` 00 0c "some context" (secret `master256`, 42 bytes) and for
///   `exporterEmptyContext` 00 00 (secret `master384`, 64 bytes); `exporterNoContext` has no
///   context at all (secret `master256`, 42 bytes).
enum TLS12PRFVectors {
    static let prfSecret = rfcHex("f8aa10fafa3788860fdc2c6c32f9cada77379da75bf3aaec1c02ad2280fe7b92")
    static let prfSeed = rfcHex("7fb369fba4675f35f63b1dc29c14ccb0")
    static let prf256_100 = rfcHex("""
        01183752254b883b3abab78170a40608d4178cd6248a7a57d86fcf57c4fc49dd
        40c5dcae6b2e82dbebbb3b4caa2477d73aa523f99e9977c00a8ba3b2d4402476
        05f5327add7ccc2542b52918e5f8c71ced8f90463ed053dfbe7299a018b54907
        4c9a42e1
        """)
    static let prfSecret384 = rfcHex("""
        2fbf741be6816a68efba886595093b9c65fe6e8d6e3e2cb780a8ca6b9174724c
        fa73475d6d80864ed3a3d785569d2710
        """)
    static let prf384_148 = rfcHex("""
        bf62122345870a1dcd7a597bd8e193dda3db24cb33f552c4c72c3e96ccd36945
        738c20703341c6fbfc6b5b9f0dabb9af5d98d1f6394f7429fce4fc852a4b95dc
        3c2fd7da52a178936bf2e2c690d63f49fd852254542cd15785c57b35c41fc689
        7c206c5b229064868c2e551a16023d51f202a14aa708ab48a4d0eff1f816c153
        b0d3076d4a927bb22a50e83ded6c6cd30249d329
        """)
    static let prf256_1 = rfcHex("01")
    static let prf256_32 = rfcHex("01183752254b883b3abab78170a40608d4178cd6248a7a57d86fcf57c4fc49dd")
    static let prf384_empty_seed_77 = rfcHex("""
        65d72f56163b88147fb18d3de961e5987a3e1d57c8ddc246ddbf2cfd38cb88cc
        6cd804c2dc2c2c20ce28f19031d835bfd29c6e2b88d5123e1219980ccfcf178c
        25187ad84c59b609c07b6c1e74
        """)
    static let premaster = rfcHex("""
        030347b2888d0c42c20f31dd222707bc3ec8700085e80e88dcd8ff7792a2816a
        8b932e74cd59b059c9e44c2da1af974b
        """)
    static let clientRandom = rfcHex("1a0eec9821c1eb43b6ea50211e7089fcc65ef26eb6d9d12b8a0d94e94d33e53b")
    static let serverRandom = rfcHex("bd593351a1997a27f81e75c0798c99cc7e8dad3f089dfc1635fae127eb0b9922")
    static let master256 = rfcHex("""
        118c6b68fe3a2f2e273fa2a44c56d92e146e7b6e3e0f6c40044077687bcd3b86
        6b37b3e26c4a891878fc3db1b08f60ed
        """)
    static let master384 = rfcHex("""
        6b82cfd830c53dee5495679482f5bff5c1057c1c38b467104bac615eaefe7410
        22517d89cd36811d9205928eb48e915f
        """)
    static let sessionHash256 = rfcHex("537f1ea8789e34aa3da8adbb7c06f2084c16f8bd8d4d4eb64b9dddacbb86aeb7")
    static let sessionHash384 = rfcHex("""
        733a6f8664749d830e4fc22a41730b9722b1e1614d4426114a7b22cc17f78ec7
        3d594e52d25bed22c0d1a86b191bfc0f
        """)
    static let ems256 = rfcHex("""
        9504a029ffd1a604d368fd3b08d19e6c5a361f5b8e62589168c3fc691780f85c
        3d1c6df80a4574bf0348afc4ca5180c0
        """)
    static let ems384 = rfcHex("""
        41dafded5f9b8f420f990e1614503d646a19057cdd97e82453ec8c952d44267d
        fd1180ac94b13252d705299181abfeb5
        """)
    static let keyBlockAES128 = rfcHex("""
        0a16e820bb00930601855eda9b2c06910d91ad029772baae7cd0cb1f151e84e8
        7f323dd1e59e6c58
        """)
    static let keyBlockAES256 = rfcHex("""
        7c8a0faffd4892bb77372f2e8ef23f777b308280bf83f9925d4d4b7f9da3d239
        955c8143a48fbde14406f4d5afe567ee9e644ceb0331e7d4170ab30cd8e45787
        aa55650a1f7ed6f7
        """)
    static let keyBlockChaCha = rfcHex("""
        0a16e820bb00930601855eda9b2c06910d91ad029772baae7cd0cb1f151e84e8
        7f323dd1e59e6c58d4a4f98bf4d4903e9717fc73ebeaa0043768fc463e83dd81
        816d7e6b594029c7d3afe912a99419dcd10b3c79af37a590
        """)
    static let handshakeHash256 = rfcHex("e8708d1e094045aed66874ee781a383bcca79b6bcbb85ddcd6af50f7d69637b0")
    static let handshakeHash384 = rfcHex("""
        0f83fce9ba1202f21a44986852f6dd986eaf0a9fbc77a0bfc3abd203e7f5a71b
        844a831168718f57e80d33da5e01944c
        """)
    static let clientFinished256 = rfcHex("9a715a376d945cc9b829ccec")
    static let serverFinished256 = rfcHex("73a1b35dac88e111bdc7c4a8")
    static let clientFinished384 = rfcHex("6081fdaf5a0746d33fdccb51")
    static let serverFinished384 = rfcHex("bee45b37c030638d38944a2f")
    static let exporterNoContext = rfcHex("""
        3828aef976acfa2954fe486f4031b6cbbef8776646007dc67920138f5ea4b36f
        b4596e490bfdab26e2fc
        """)
    static let exporterContext = rfcHex("""
        16f2ab0d209b8b938bf38e15902c0d74a588097e79c1c6a23a7ed7bc7c290a6e
        8fbbef85818946030b35
        """)
    static let exporterEmptyContext = rfcHex("""
        f9cf7fb0b4418838eb70b62a462c30d2d6a707b0b9aaaebf57ada7b1b77a8398
        dec1b8c46d1f06b1dac9ba20869dfa4aec8ec7ec9d2e2b9501fed4c0e1784bdd
        """)
}
