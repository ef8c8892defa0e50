import CorpGraphIO
import Hummingbird

/// An RFC 9457 problem: the error every route answers with, as `application/problem+json`.
public struct Problem: Error, Sendable, CustomStringConvertible {
    public var status: HTTPResponse.Status
    public var title: String
    public var detail: String
    /// The query parameter at fault (400), when one is.
    public var parameter: String?
    /// Close matches for an unknown id or word (404, 400).
    public var suggestions: [String]

    public init(_ status: HTTPResponse.Status, _ detail: String, parameter: String? = nil, suggestions: [String] = []) {
        self.status = status
        self.title = status.reasonPhrase
        self.detail = detail
        self.parameter = parameter
        self.suggestions = suggestions
    }

    public var description: String { "\(status.code) \(title): \(detail)" }

    public var json: JSONValue {
        var o: [String: JSONValue] = [
            "type": "about:blank", "title": .string(title), "status": .number(status.code), "detail": .string(detail),
        ]
        if let parameter { o["parameter"] = .string(parameter) }
        if !suggestions.isEmpty { o["suggestions"] = .array(suggestions.map { .string($0) }) }
        return .object(o)
    }

    public var response: Response {
        var headers = HTTPFields()
        headers[.contentType] = "application/problem+json"
        if status == .unauthorized { headers[.wwwAuthenticate] = "Bearer realm=\"corpgraph\"" }
        if status == .serviceUnavailable { headers[.retryAfter] = "1" }
        return Response(
            status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: json.encoded() + "\n")))
    }

    static func badParameter(_ name: String, _ detail: String, suggestions: [String] = []) -> Problem {
        Problem(.badRequest, detail, parameter: name, suggestions: suggestions)
    }
}

/// Turns every error into a problem response: ours as they are, Hummingbird's (unknown route, body too large) with
/// their status, anything else as 500 without internals.
struct ProblemMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        do {
            return try await next(request, context)
        } catch let p as Problem {
            return p.response
        } catch let e as HTTPError {
            let detail =
                e.status == .notFound
                ? "No route \(request.method) \(request.uri.path)." : (e.body ?? e.status.reasonPhrase)
            return Problem(e.status, detail).response
        } catch {
            context.logger.error("internal error: \(error)")
            return Problem(.internalServerError, "The server failed to answer this request.").response
        }
    }
}
