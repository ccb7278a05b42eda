// swift-tools-version:6.1
import PackageDescription

// swift-nio-ssl (BoringSSL) as a peer for scripts/interop-matrix, in its own package so that
// the main build stays small. `nio-ssl-peer server ...` echoes lines back; `nio-ssl-peer
// client ...` sends one line and prints what came back. Build with
// `swift build --package-path Interop --product nio-ssl-peer`.
let package = Package(
    name: "TLSKitInterop",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.37.6"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
    ],
    targets: [
        .executableTarget(
            name: "nio-ssl-peer",
            dependencies: [
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOTLS", package: "swift-nio"),
            ]
        )
    ]
)
