//! The methods each path of the contract takes, so that a known path called with another
//! method answers 405 with `Allow` (an unknown path stays 404).

use utoipa::openapi::OpenApi;

/// Every path template of the contract with the methods it takes.
#[derive(Debug, Clone, Default)]
pub struct KnownPaths(Vec<(Vec<Segment>, Vec<&'static str>)>);

#[derive(Debug, Clone, PartialEq, Eq)]
enum Segment {
    Literal(String),
    Parameter,
}

impl KnownPaths {
    pub fn of(api: &OpenApi) -> Self {
        let paths = api
            .paths
            .paths
            .iter()
            .map(|(template, item)| {
                let segments = template
                    .trim_matches('/')
                    .split('/')
                    .map(|s| if s.starts_with('{') { Segment::Parameter } else { Segment::Literal(s.to_owned()) })
                    .collect();
                let methods = [
                    ("GET", item.get.is_some()),
                    ("HEAD", item.head.is_some()),
                    ("POST", item.post.is_some()),
                    ("PUT", item.put.is_some()),
                    ("PATCH", item.patch.is_some()),
                    ("DELETE", item.delete.is_some()),
                    ("OPTIONS", item.options.is_some()),
                ]
                .into_iter()
                .filter_map(|(m, present)| present.then_some(m))
                .collect();
                (segments, methods)
            })
            .collect();
        KnownPaths(paths)
    }

    /// The methods of the template that is `path` itself, without parameters, if there is one.
    pub fn literal(&self, path: &str) -> Option<Vec<&'static str>> {
        let parts: Vec<&str> = path.trim_matches('/').split('/').collect();
        self.0
            .iter()
            .find(|(segments, _)| {
                segments.len() == parts.len()
                    && segments.iter().zip(&parts).all(|(s, p)| matches!(s, Segment::Literal(l) if l == p))
            })
            .map(|(_, methods)| methods.clone())
    }

    /// The methods `path` takes, if the contract has it: those of its literal template when one
    /// matches, else of every template that matches. `None` for a path the contract lacks.
    pub fn allowed(&self, path: &str) -> Option<Vec<&'static str>> {
        let parts: Vec<&str> = path.trim_matches('/').split('/').collect();
        let matching: Vec<&(Vec<Segment>, Vec<&'static str>)> = self
            .0
            .iter()
            .filter(|(segments, _)| {
                segments.len() == parts.len()
                    && segments.iter().zip(&parts).all(|(s, p)| match s {
                        Segment::Literal(l) => l == p,
                        Segment::Parameter => !p.is_empty(),
                    })
            })
            .collect();
        let literal = matching.iter().find(|(segments, _)| segments.iter().all(|s| *s != Segment::Parameter));
        let mut methods: Vec<&'static str> = match literal {
            Some((_, methods)) => methods.clone(),
            None => matching.iter().flat_map(|(_, methods)| methods.iter().copied()).collect(),
        };
        if methods.is_empty() {
            return None;
        }
        methods.sort_unstable();
        methods.dedup();
        Some(methods)
    }
}

/// A resource that matched the path but not the method answers the framework's bare 405; this
/// gives it the problem document and the `Allow` header every other 405 has.
pub async fn complete_405(
    req: actix_web::dev::ServiceRequest,
    next: actix_web::middleware::Next<impl actix_web::body::MessageBody + 'static>,
) -> Result<actix_web::dev::ServiceResponse<actix_web::body::BoxBody>, actix_web::Error> {
    use actix_web::ResponseError;
    let res = next.call(req).await?;
    if res.status() != actix_web::http::StatusCode::METHOD_NOT_ALLOWED
        || res.headers().contains_key(actix_web::http::header::ALLOW)
    {
        return Ok(res.map_into_boxed_body());
    }
    let allow = res
        .request()
        .app_data::<actix_web::web::Data<KnownPaths>>()
        .and_then(|known| known.allowed(res.request().path()))
        .unwrap_or_default();
    let (req, _) = res.into_parts();
    let answer = crate::error::ApiError::MethodNotAllowed { allow }.error_response();
    Ok(actix_web::dev::ServiceResponse::new(req, answer))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_known_path_names_its_methods_and_an_unknown_one_none() {
        let known = KnownPaths::of(&crate::openapi());
        assert_eq!(known.allowed("/api/v1/cases"), Some(vec!["GET", "POST"]));
        let one = known.allowed("/api/v1/cases/0190e7a4-0000-7000-8000-000000000001").unwrap_or_default();
        assert!(one.contains(&"GET") && one.contains(&"PATCH"), "{one:?}");
        assert_eq!(known.allowed("/api/v1/nowhere"), None);
        assert_eq!(known.allowed("/api/v1/cases/x/y/z/w"), None);
    }
}
