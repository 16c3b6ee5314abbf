"""Counts the SQL queries of each request into an ``X-Queries`` header (benchmark settings only).

Uses ``connection.execute_wrapper``, so it works with DEBUG off and costs one function call per
query; the load generator reads the header to report queries per request.
"""

from django.db import connection


class QueryCountMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        count = 0

        def counter(execute, sql, params, many, context):
            nonlocal count
            count += 1
            return execute(sql, params, many, context)

        with connection.execute_wrapper(counter):
            response = self.get_response(request)
        response["X-Queries"] = str(count)
        return response
